"""Question forms, cloze cards, code names and names in glossaries: the rules that make
extraction hold on decks from other fields (see tests/data/heldout/)."""

from __future__ import annotations

import pytest

from kbgen.extract import extract_concepts
from kbgen.extract.naming import answer_names, cloze_terms, uncloze
from kbgen.extract.questions import is_term_front, question_subject, split_pair
from kbgen.model import Card, Deck
from kbgen.readers._noise import with_noise
from kbgen.text import key_of, tokens


def labels(*qa: tuple[str, str]) -> set[str]:
    cards = tuple(Card(id=f"d#{i}", question=q, answer=a, line=i + 1) for i, (q, a) in enumerate(qa))
    return {c.label for c in extract_concepts([Deck(title="d", source="d.txt", cards=cards)])}


@pytest.mark.parametrize("question,subject", [
    ("Define entropy.", "entropy"),
    ("What is the function of the ribosome?", "ribosome"),
    ("What is the mechanism of action of ibuprofen?", "ibuprofen"),
    ("What are the three stages of the water cycle?", "water cycle"),
    ("Which enzyme does lisinopril inhibit?", "lisinopril"),
    ("Which receptor does caffeine act on?", "caffeine"),
    ("What class of drug is ibuprofen?", "ibuprofen"),
    ("Who proposed the germ theory?", "germ theory"),
    ("Who wrote The Origin of Species?", "The Origin of Species"),
    ("Why is the sky described as blue?", "sky"),
    ("When did the Thirty Years War begin?", "Thirty Years War"),
    ("When is supply said to be elastic?", "elastic supply"),
    ("What is Big O notation?", "Big O notation"),
    ("What is the half-life of a drug?", "half-life"),
    ("What is `std::vector`?", "std::vector"),
])
def test_question_forms(question, subject):
    assert question_subject(question)[0] == subject


def test_a_called_question_is_answered_not_asked():
    assert question_subject("What is the process by which cells engulf particles called?") is None
    assert answer_names("What is the process by which cells engulf particles called?",
                        "Phagocytosis, a form of endocytosis.") == ["Phagocytosis"]


@pytest.mark.parametrize("front,answer,names", [
    ("Which organelle makes proteins?", "Ribosomes, found free in the cytoplasm or bound to the ER.", ["Ribosomes"]),
    ("Name the two stages of respiration.", "The Krebs cycle (citric acid cycle) and the electron transport chain.",
     ["Krebs cycle", "electron transport chain"]),
    ("Who wrote Leviathan?", "Thomas Hobbes, in 1651.", ["Thomas Hobbes"]),
    ("During which phase do chromosomes align?", "Metaphase; the spindle attaches.", ["Metaphase"]),
    ("The ____ is the powerhouse of the cell.", "mitochondrion", ["mitochondrion"]),
    ("What is a loss?", "Cross-entropy", []),
])
def test_answer_names(front, answer, names):
    assert answer_names(front, answer) == names


def test_pairs_share_articles_and_nouns():
    assert split_pair("an agonist and an antagonist") == ["agonist", "antagonist"]
    assert split_pair("prokaryotic and eukaryotic cells") == ["prokaryotic cells", "eukaryotic cells"]
    assert split_pair("Bagging and random forest") == ["Bagging", "random forest"]
    assert split_pair("std::unique_ptr instead of std::shared_ptr") == ["std::unique_ptr", "std::shared_ptr"]


def test_imperative_fronts_and_foreign_questions():
    assert not is_term_front("Define osmosis.")
    assert not is_term_front("Name the largest organelle")
    assert is_term_front("state")  # a term that happens to be a verb
    assert is_term_front("¿Cómo estás?")


def test_cloze_cards():
    front = "{{c1::Naloxone}} reverses an {{c2::opioid overdose::condition}}."
    assert cloze_terms(front) == ["Naloxone", "opioid overdose"]
    assert uncloze(front) == "Naloxone reverses an opioid overdose."
    found = labels((front, ""), ("What is tolerance?", "Needing more Naloxone."))
    assert {"Naloxone", "opioid overdose"} <= found


def test_code_names_do_not_merge_with_letters():
    assert len({key_of("C"), key_of("C++"), key_of("C#")}) == 3
    assert tokens("std::vector and unique_ptr on .NET") == ["std::vector", "and", "unique_ptr", "on", ".NET"]
    found = labels(("What is the difference between C++ and C#?", "C# runs on .NET; C++ is native."),
                   ("What is a vector?", "std::vector is a dynamic array; std::map is a tree."),
                   ("What is the STL?", "The Standard Template Library: std::map and std::vector."))
    assert {"C++", "C#", "std::vector", "std::map"} <= found
    assert "C" not in found


def test_acronyms_and_hyphenated_names_in_answers():
    found = labels(("What is transcription?", "Making mRNA from DNA by RNA polymerase."),
                   ("What is a codon?", "Three bases of mRNA coding for an amino acid."),
                   ("What is an antidote?", "N-acetylcysteine treats an overdose."),
                   ("What is angiotensin?", "Angiotensin I becomes angiotensin II."))
    assert {"mRNA", "RNA polymerase", "N-acetylcysteine", "angiotensin II"} <= found
    assert "acetylcysteine" not in found


def test_a_glossary_names_what_its_definitions_share():
    defs = ["ended World War II in Europe", "founded after World War II", "rebuilt it after World War II",
            "a treaty of the Soviet Union"]
    found = labels(*[(f"Term {i}", d) for i, d in enumerate(defs)])
    assert "World War II" in found
    assert "Soviet Union" not in found  # one definition is not enough


def test_a_sentence_start_does_not_capitalise_a_label():
    found = labels(("Which vitamin helps clotting?", "Vitamin K epoxide reductase, which needs it."),
                   ("Who wrote it?", "Adam Smith, in 1776."),
                   ("Which cycle?", "The Krebs cycle and the electron transport chain."))
    assert {"vitamin K epoxide reductase", "Adam Smith", "Krebs cycle"} <= found


# --- failure classes of issue 12, on made-up cards in the shapes real decks use -------------

def _labels(*qa):
    return set(concepts_of(*qa))


def concepts_of(*qa):
    d = Deck(title="d", source="d", cards=tuple(Card(id=f"d#{i}", question=q, answer=a, line=i)
                                                for i, (q, a) in enumerate(qa)))
    # As read_decks hands them on: with the deck-wide noise the readers found.
    return {c.label: c for c in extract_concepts([with_noise(d)])}


def test_what_is_x_abbr_merges_x_with_its_abbreviation():
    got = concepts_of(("What is hypertrophic cardiomyopathy (HCM)?", "A thick heart."),
                      ("How is HCM treated?", "beta blockers"), ("What causes HCM?", "genes"))
    assert "HCM" not in got and "HCM" in got["hypertrophic cardiomyopathy"].aliases


def test_names_and_code_keep_their_plural_looking_ends():
    got = _labels(("What are HostAliases?", "Entries for /etc/hosts."), ("Which field sets them?", "spec.hostAliases"),
                  ("Who wrote the majority opinion?", "John Roberts"), ("Who is the chief justice?", "John Roberts"))
    assert {"John Roberts", "spec.hostAliases"} <= got and "HostAliase" not in got
    assert "HostAlias" in got or "HostAliases" in got


def test_deck_wide_templates_and_boilerplate_lines_are_no_concepts():
    got = _labels(*[(f"What are the adverse effects of drug{i}x?", "nausea\nUPDATED 2020") for i in range(4)],
                  ("What is drug0x?", "a drug\nUPDATED 2020"))
    assert got == {"drug0x", "drug1x", "drug2x", "drug3x"}


def test_a_short_answer_to_a_question_asking_for_a_name_is_a_concept():
    got = concepts_of(("What do we call the first ten amendments?", "the Bill of Rights"),
                      ("What principle divides power?", "checks and balances"),
                      ("Why do courts review laws?", "As part of checks and balances."))
    assert {"Bill of Rights", "checks and balances"} <= set(got)
    assert got["Bill of Rights"].definition == "d#0"


def test_a_label_the_deck_repeats_is_a_topic_or_a_field():
    got = _labels(*[(f"Immanuel Kant: What is a *{w}*?", f"A {w}.") for w in ("maxim", "noumenon", "phenomenon")],
                  ("Year: Birth of Immanuel Kant", "1724"), ("Year: Death of Immanuel Kant", "1804"),
                  ("Year: Birth of David Hume", "1711"))
    assert {"Immanuel Kant", "maxim", "noumenon", "phenomenon"} <= got and "Year" not in got


def test_titles_split_into_their_terms():
    got = _labels(("Kinetic and potential energy", "Kinetic energy is energy of motion."),
                  ("Types of hybridisation (3)", "sp3, sp2, sp"), ("Lattice energy, LE", "Energy released."))
    assert {"kinetic energy", "potential energy", "hybridisation", "lattice energy"} <= {g.lower() for g in got}
