"""Turn the validated catalogue into HTML, page data and filter data (pure functions, no MkDocs).

  templates.py     the Jinja environment, Markdown, headings, addresses: what every page shares
  tags.py          a method's labels as Material tags, and links to the tags index
  method_page.py   one method page: page data, HTML, table of contents, search entries
  summary.py       the summary at the top of a method page
  facts.py         what every view says about a method at a glance, read from the catalogue in one place
  method_list.py   the method list with the Märkning filter, its data, its texts.json, the spreadsheet's columns, methods.json
  alphabetical.py  method names in each language's alphabetical order
  comparison.py    the comparison page: every method a column, every aspect a row
  hand_written.py  catalogue content for hand-written pages (glossary, questions, 404) and placeholders
  glossary_terms.py glossary terms marked where they are read, and the explanations glossary.js shows

Catalogue text is plain text or Markdown; wherever it lands in HTML it is escaped (Jinja's
autoescape in the templates, html.escape where MkDocs and Material take HTML: titles, tags).
"""

from .hand_written import UnknownPlaceholder, fill_placeholders, glossary_html, mark_placeholders, not_found_messages, reflection_questions_html, report_problem_html
from .comparison import comparison_html
from .glossary_terms import glossary_href, glossary_records, mark_terms, term_list
from .method_list import TEXTS_FILE, filter_data, list_facets, list_texts, method_list_html, methods_json
from .method_page import method_html, method_meta, search_entries, toc_tokens
from .tags import SHOWN_TAG_SEPARATOR, TAGS_INDEX_FROM_METHOD_LIST, TAGS_INDEX_FROM_METHOD_PAGE, label_groups, shown_tags, tag_anchor, tag_listing_href, tag_names
from .templates import METHODS_FOLDER, TEMPLATES, environment, heading_html, heading_id, heading_slug, language_root, method_url

__all__ = [
    "METHODS_FOLDER", "TEXTS_FILE", "list_texts", "SHOWN_TAG_SEPARATOR", "TAGS_INDEX_FROM_METHOD_LIST", "TAGS_INDEX_FROM_METHOD_PAGE", "TEMPLATES", "UnknownPlaceholder",
    "comparison_html", "environment", "fill_placeholders", "filter_data", "glossary_href", "glossary_html", "glossary_records",
    "list_facets", "mark_terms", "heading_html",
    "heading_id", "heading_slug", "label_groups", "language_root", "mark_placeholders", "method_html", "method_list_html", "method_meta",
    "method_url", "methods_json", "not_found_messages", "reflection_questions_html", "report_problem_html", "search_entries", "shown_tags",
    "tag_anchor", "tag_listing_href", "tag_names", "term_list", "toc_tokens",
]
