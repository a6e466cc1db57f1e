"""MkDocs event: Material's templates compiled once per process, not once per language build.

mkdocs-static-i18n builds the site once per language, each time with a new Jinja environment, and
`mkdocs serve` builds again on every edit: each would compile Material's ~60 templates anew (a
third of a build of the real catalogue). A bytecode cache kept in memory for the process lets
every later environment load them compiled; Jinja checks each template's source checksum, so an
edited template is compiled again.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig

import site_data


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs) -> jinja2.Environment:
    env.bytecode_cache = site_data.template_bytecode
    return env
