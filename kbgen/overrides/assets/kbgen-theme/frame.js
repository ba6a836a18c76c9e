{#- kbgen: the part of Material's page frame that is the same on every page and only works
    with JavaScript, rendered once per site (a static template registered by the kbgen plugin)
    and cached by the browser, instead of repeated in each of 20,000 pages: Material's head
    script (base.html), the palette form and its start-up script, the search dialog and the
    page configuration with its translations. Pages call it from a few bytes of inline script
    at the places Material put the markup (partials/header.html, main.html), so the document
    the bundle starts on is the one Material writes. The URLs Material writes relative to the
    page are made from this script's own URL, which sits two folders below the site root. -#}
{%- import "partials/language.html" as lang with context -%}
{%- set features = config.theme.features or [] -%}
{%- set palette_html -%}
  {%- if config.theme.palette and not config.theme.palette is mapping -%}
    {% include "partials/palette.html" %}
  {%- endif -%}
{%- endset -%}
{%- set search_html -%}
  {%- if "material/search" in config.plugins -%}
    {%- set search = config.plugins["material/search"] | attr("config") -%}
    {%- if search.enabled -%}
      <label class="md-header__button md-icon" for="__search">
        {% set icon = config.theme.icon.search or "material/magnify" %}
        {% include ".icons/" ~ icon ~ ".svg" %}
      </label>
      {% include "partials/search.html" %}
    {%- endif -%}
  {%- endif -%}
{%- endset -%}
{#- As Material's block config (base.html), without base and search, which depend on the page. -#}
{%- set _ = namespace() -%}
{%- set _.annotate = config.extra.annotate -%}
{%- set _.tags = config.extra.tags -%}
{%- if config.extra.version -%}
  {%- set mike = config.plugins.mike -%}
  {%- if not mike or mike.config.version_selector -%}
    {%- set _.version = config.extra.version -%}
  {%- endif -%}
{%- endif -%}
{%- set page_config = {
  "features": features,
  "translations": {
    "clipboard.copy": lang.t("clipboard.copy"),
    "clipboard.copied": lang.t("clipboard.copied"),
    "search.result.placeholder": lang.t("search.result.placeholder"),
    "search.result.none": lang.t("search.result.none"),
    "search.result.one": lang.t("search.result.one"),
    "search.result.other": lang.t("search.result.other"),
    "search.result.more.one": lang.t("search.result.more.one"),
    "search.result.more.other": lang.t("search.result.more.other"),
    "search.result.term.missing": lang.t("search.result.term.missing"),
    "select.version": lang.t("select.version")
  },
  "annotate": _.annotate or none,
  "tags": _.tags or none,
  "version": _.version or none
} -%}
(function () {
  var root = new URL("../..", document.currentScript.src);
  // Material's partials/javascripts/base.html, with the page's base URL found from this script's.
  __md_scope={% if config.extra.scope %}new URL({{ config.extra.scope | tojson }},location){% else %}root{% endif %},__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
  var parts = {
    palette: {{ palette_html.split() | join(" ") | tojson }},
    search: {{ search_html.split() | join(" ") | tojson }}
  };
  // Material's partials/javascripts/palette.html: the saved colour scheme, before the first paint.
  function palette() {
    var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
  }
  // The markup of one part in place of the calling script, while the page is parsed.
  window.__kb_frame = function (name) {
    var script = document.currentScript;
    script.insertAdjacentHTML("beforebegin", parts[name]);
    script.remove();
    if (name === "palette") palette();
  };
  // Material's block config: the bundle reads it once, when it starts.
  window.__kb_config = function () {
    var config = document.createElement("script");
    config.id = "__config";
    config.type = "application/json";
    config.textContent = JSON.stringify(Object.assign({{ page_config | tojson }}, {
      base: root.href,
      search: new URL("assets/javascripts/workers/search.a7633da7.min.js", root).href
    }));
    document.currentScript.replaceWith(config);
  };
  // Material's partials/javascripts/content.html: run again by instant navigation on each page.
  window.__kb_content = function () {
    {%- if "content.tabs.link" in features %}
    var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
    {%- endif %}
    var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
  };
})();
