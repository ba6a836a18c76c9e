"""Extraction: one test per signal, merge rule and junk rule, plus mention matching and links."""

from __future__ import annotations

import pytest
from helpers import SEED

from kbgen.extract import extract_concepts
from kbgen.extract.questions import boilerplate_suffix, question_subject, split_pair, term_parts
from kbgen.graph import build_concept_graph
from kbgen.mentions import MentionIndex
from kbgen.model import Card, Deck
from kbgen.readers import read_decks
from kbgen.text import is_junk, key_of, singular


def deck(*qa: tuple[str, str], title: str = "d") -> Deck:
    cards = tuple(Card(id=f"{title}#{i}", question=q, answer=a, line=i + 1) for i, (q, a) in enumerate(qa))
    return Deck(title=title, source=f"{title}.txt", cards=cards)


def concepts(*qa: tuple[str, str]) -> dict:
    return {c.label: c for c in extract_concepts([deck(*qa)])}


# --- signals ---------------------------------------------------------------------------

@pytest.mark.parametrize("question,subject", [
    ("What is a flux capacitor?", "flux capacitor"),
    ("What are quarks used for?", "quarks"),
    ("How do tidal locks work?", "tidal locks"),
    ("How can we avoid scope creep?", "scope creep"),
    ("Why do we need version control?", "version control"),
    ("What is the general idea behind a gel electrophoresis?", "gel electrophoresis"),
    ("How can the capacity of the model be improved?", "model capacity"),
    ("How is the U-Net build?", "U-Net"),
    ("What is meant by the concept “attention” for CNNs?", "attention"),
    ("What is transfer learning? How does it work?", "transfer learning"),
])
def test_asked_signal(question, subject):
    assert question_subject(question)[0] == subject


def test_a_clause_is_not_a_subject():
    assert question_subject("What is the main reason people use Python?") is None


def test_asked_concept_is_defined_by_its_card():
    c = concepts(("What is a quokka?", "A small marsupial."))["quokka"]
    assert "asked" in c.signals and c.definition == "d#0" and c.asked == ("d#0",)


def test_term_signal_and_boilerplate_suffix():
    fronts = [f"{t} (Some Glossary)" for t in ("mitosis", "meiosis", "allele", "locus (genetics)")]
    assert boilerplate_suffix(fronts) == "(Some Glossary)"
    got = {c.label: c for c in extract_concepts([deck(*[(f, "x y z") for f in fronts])])}
    assert set(got) == {"mitosis", "meiosis", "allele", "locus"}
    assert got["allele"].signals == ("term",)


def test_term_parenthesis_alias_or_qualifier():
    assert term_parts("AUC (Area under the ROC Curve)", False) == ("AUC", ["Area under the ROC Curve"])
    assert term_parts("Dataset API (tf.data)", False) == ("Dataset API", ["tf.data"])
    assert term_parts("bias (math)", True) == ("bias (math)", [])
    assert term_parts("bias (math)", False) == ("bias", [])


def test_qualified_terms_stay_apart():
    got = concepts(("node (graph)", "A vertex."), ("node (network)", "A machine."), ("edge", "A link."))
    assert {"node (graph)", "node (network)", "edge"} <= set(got)


@pytest.mark.parametrize("text,pair", [
    ("We use batch normalization (BatchNorm) here.", ("batch normalization", "BatchNorm")),
    ("a Long Short-Term Memory (LSTM) cell", ("Long Short-Term Memory", "LSTM")),
])
def test_acronym_signal(text, pair):
    got = concepts(("Why is this here?", text))
    assert pair[1] in got[pair[0]].aliases and "acronym" in got[pair[0]].signals


def test_stand_for_question_makes_acronym_and_expansion_one_concept():
    got = concepts(("What does NMR stand for?", "nuclear magnetic resonance"),
                   ("What is nuclear magnetic resonance?", "A spectroscopy."))
    assert len([c for c in got.values() if "NMR" in (c.label, *c.aliases)]) == 1


def test_answer_and_item_signals():
    got = concepts(("How can models be pre-trained?", "Through transfer learning"),
                   ("What are mitochondria used for?", "- respiration\n- apoptosis"))
    assert "answer" in got["transfer learning"].signals
    assert "item" in got["apoptosis"].signals


def test_named_signals():
    got = concepts(("What happens next?", "have generator G create samples"),
                   ("What else?", "standalone decoders can be called generators"))
    assert "named" in got["generator"].signals


def test_recurring_signal_needs_an_uncommon_word():
    got = concepts(("What is A?", "residual connections help"), ("What is B?", "use residual connections"),
                   ("What is C?", "we want real samples here"), ("What is D?", "it gives more real samples too"))
    assert "recurring" in got["residual connection"].signals
    assert "real sample" not in got


def test_rare_signal():
    got = concepts(("What is A?", "the encoder maps"), ("What is B?", "an encoder again"),
                   ("What is C?", "backpropagation gets hard"), ("What is D?", "pixelated images"))
    assert "rare" in got["encoder"].signals and "backpropagation" in got
    assert "pixelated" not in got  # shaped like an adjective


def test_rare_word_only_inside_a_longer_concept_is_not_a_concept():
    got = concepts(("What is batch normalization?", "x"), ("Why?", "batch normalization again"))
    assert "normalization" not in got


def test_sibling_signal():
    got = concepts(("How do diffusion models work?", "noise"), ("What next?", "we use transformer models here"))
    assert "sibling" in got["transformer model"].signals


def test_pairs_are_split():
    assert split_pair("Stemming and lemmatization") == ["Stemming", "lemmatization"]
    assert split_pair("bag of words") == ["bag of words"]
    got = concepts(("What is the difference between RNN vs LSTM?", "memory"))
    assert {"RNN", "LSTM"} <= set(got)


# --- merge rules -----------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [("GANs", "GAN"), ("autoencoders", "autoencoder"), ("ResNets", "ResNet"),
                                 ("U-Net", "UNet"), ("encoder-decoder", "encoder decoder"),
                                 ("Batch Normalization", "batch normalization"), ("matrices", "matrix")])
def test_spellings_share_a_key(a, b):
    assert key_of(a) == key_of(b)


def test_labels_keep_case_and_drop_plural():
    got = concepts(("What is ResNets?", "deep"), ("How do GANs work?", "games"))
    assert {"ResNet", "GAN"} <= set(got)
    assert singular("Bayes") != "Bayes" and "Naive Bayes" in concepts(("Naive Bayes", "a classifier"),
                                                                      ("Tokenization", "splitting"))


def test_everyday_word_before_a_concept_folds_into_it():
    got = concepts(("What are autoencoders used for?", "- data denoising\n- anomaly detection"),
                   ("Why?", "denoising again"), ("What else?", "more denoising"))
    assert "data denoising" in got["denoising"].aliases and "data denoising" not in got


def test_everyday_label_yields_to_its_term_alias():
    got = concepts(("What is the Code (= bottleneck) between encoder and decoder layers?", "a representation"))
    assert "bottleneck" in got and "Code" in got["bottleneck"].aliases


# --- junk rules ------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["the", "one way", "general idea", "kinds", "improve", "42",
                                    "clustering algorithms do you know", "precision, recall",
                                    "generalize well", ""])
def test_junk(phrase):
    assert is_junk(phrase)


def test_everyday_answers_are_not_concepts():
    got = concepts(("What kinds of data augmentation are there?", "- original\n- horizontal flip"),
                   ("How can we improve the data quality?", "- clean data"))
    assert "original" not in got and "clean data" not in got and "horizontal flip" in got


def test_urls_and_formulas_give_no_concepts():
    got = concepts(("What is A?", "see https://example.org/render/math?math=x and $\\beta \\cdot x$"),
                   ("What is B?", "again https://example.org/render/math?math=y $\\beta \\cdot y$"))
    assert not {"render", "math", "cdot", "example org"} & {k.lower() for k in got}


# --- mentions --------------------------------------------------------------------------

def test_mentions_whole_words_longest_first_one_pass():
    index = MentionIndex({"encoder": ["encoder"], "decoder": ["decoder"], "hash": ["hash"],
                          "hashtable": ["hash table"], "gan": ["GAN"]})
    assert index.find("an encoder-decoder") == ["encoder", "decoder"]
    assert index.find("hashtables and hashes") == ["hashtable", "hash"]
    assert MentionIndex({"hash": ["hash"]}).find("hashtables") == []
    assert index.find("a hash table") == ["hashtable"]
    assert index.find("a gan") == [] and index.find("two GANs") == ["gan"]


# --- definitions and links ---------------------------------------------------------------

def test_a_card_that_merely_names_a_concept_does_not_define_it():
    got = concepts(("What is a quokka?", "A marsupial on Rottnest, unlike a wallaby."),
                   ("How do wallabies move?", "bipedal hopping"),
                   ("What eats?", "The wallaby eats grass."))
    assert got["bipedal hopping"].definition is None  # the renderer then says no card defines it


def test_definition_prefers_an_explanation_to_an_expansion_a_use_or_a_remedy():
    got = concepts(("What does GAN stand for?", "generative adversarial network"),
                   ("What are GANs used for?", "image synthesis"),
                   ("How can we avoid mode collapse in a GAN?", "minibatch discrimination"),
                   ("What is the general idea behind a GAN?", "Two networks play a minimax game."))
    assert got["GAN"].definition == "d#3"
    assert "generative adversarial network" in got["GAN"].aliases


def test_an_answer_saying_what_x_is_defines_x():
    got = concepts(("What is a quokka?", "A marsupial."),
                   ("Which animals live on Rottnest?", "The wallaby is a marsupial; quokkas too."),
                   ("Name two marsupials.", "wallaby, quokka"))
    assert got["wallaby"].definition == "d#1"


def test_link_kinds():
    d = deck(("What is a GAN?", "A generator and a discriminator."),
             ("How do diffusion models work?", "like a GAN"),
             ("What is a generator?", "It makes samples."), ("What is a discriminator?", "It judges."),
             ("Why does it matter?", "a GAN needs a generator"),
             ("Why does it work?", "a generator fools a discriminator"),
             ("What is a diffusion model?", "A denoiser."))
    cs = extract_concepts([d])
    G = build_concept_graph([d], cs)
    ids = {c.label: c.id for c in cs}
    assert G.edges[ids["GAN"], ids["generator"]]["kind"] == "defines"
    assert G.edges[ids["diffusion model"], ids["GAN"]]["kind"] == "mentions"
    assert G.edges[ids["generator"], ids["discriminator"]]["kind"] == "co-occurs"
    assert G.edges[ids["GAN"], ids["generator"]]["weight"] == 2
    assert G.edges[ids["GAN"], ids["generator"]]["cards"] == ["d#0", "d#4"]


EXPECTED = ["autoencoder", "encoder", "decoder", "generator", "discriminator", "GAN", "diffusion model",
            "U-Net", "ResNet", "residual connection", "batch normalization", "vanishing gradient",
            "exploding gradient", "backpropagation", "representation learning", "bottleneck",
            "data augmentation", "transfer learning", "attention", "adversarial attack",
            "anomaly detection", "denoising", "model capacity"]
LINKS = [("autoencoder", "decoder"), ("decoder", "generator"), ("generator", "GAN"), ("discriminator", "GAN"),
         ("ResNet", "residual connection"), ("ResNet", "batch normalization"),
         ("batch normalization", "vanishing gradient")]


def test_seed_concepts_and_links():
    decks = read_decks([SEED])
    cs = extract_concepts(decks)
    labels = {c.label: c for c in cs}
    assert set(EXPECTED) <= set(labels)
    assert "generative adversarial network" in labels["GAN"].aliases
    assert "BatchNorm" in labels["batch normalization"].aliases
    G = build_concept_graph(decks, cs)
    for a, b in LINKS:
        assert G.has_edge(labels[a].id, labels[b].id), (a, b)
    for junk in ("real sample", "classification task", "original", "clean data"):
        assert junk not in labels


def test_phrases_stay_within_a_clause():
    got = concepts(("What is A?", "SGD — stochastic gradient descent"), ("What is B?", "SGD — stochastic gradient"))
    assert "SGD stochastic gradient" not in got


def test_verb_forms_are_not_rare_terms():
    got = concepts(("What is A?", "regularizing helps"), ("What is B?", "regularizing again"))
    assert "regularizing" not in got


def test_front_that_starts_like_a_question_is_not_a_term():
    fronts = [("Would adding more data help", "maybe"), ("Mitosis", "division"), ("Meiosis", "halving")]
    assert "Would adding more data help" not in concepts(*fronts)


def test_term_front_keeps_the_authors_spelling():
    got = concepts(("Keras", "a library"), ("k-means", "clustering"), ("Cook Islands", "a country"))
    assert {"Keras", "k-means", "Cook Islands"} <= set(got)


def test_hub_concepts_keep_their_strongest_links():
    qa = [("What is a widget?", "A part.")] + [(f"What is a gizmo{i}?", f"A gizmo{i} is a widget.")
                                               for i in range(40)]
    d = deck(*qa)
    cs = extract_concepts([d])
    G = build_concept_graph([d], cs)
    widget = next(c.id for c in cs if c.label == "widget")
    assert len(next(c for c in cs if c.id == widget).cards) == 41
    # named on every card: a hub stays linked, and each leaf keeps its one strong link to it
    assert G.degree(widget) == 40 and all(G.degree(n) == 1 for n in G if n != widget)


def test_a_word_the_deck_keeps_asking_about_is_a_concept_however_common():
    got = concepts(("How do you select rows from a table?", "Use SELECT on the table."),
                   ("How do you add a column to a table?", "ALTER TABLE adds a column."),
                   ("What does DROP do?", "It removes a table."),
                   ("What does TRUNCATE do?", "It empties a table."),
                   ("What is an index?", "A lookup structure on a table."))
    assert "table" in got


def test_a_lone_everyday_answer_to_a_question_asking_for_no_name_is_no_concept():
    got = concepts(("What is the profession of Irma in the comic strip?", "waitress"),
                   ("Who is the presenter of a circus show?", "ringmaster"))
    assert "waitress" not in got and "ringmaster" in got
