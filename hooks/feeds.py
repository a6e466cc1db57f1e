"""The Atom feed of changes of one language, <language root>/feed.xml (pure functions, no MkDocs).

One entry per change of every method, newest first, linking to the method's page; written by
feedgen (lxml underneath), which escapes every value from data/ as XML text. An entry's id is the
page's address with the change's date and its number counted from the method's first change, so
it stays the same when newer changes are added above it.
"""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from catalogue import Catalogue
from citations import SITE_NAME
from method_record import changes_newest_first


def _moment(date: str) -> datetime.datetime:
    """A change's date as the start of that day in UTC (Atom wants a date with a time)."""
    return datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(), datetime.timezone.utc)


def feed_entries(catalogue: Catalogue, lang: str, page_url) -> list[dict]:
    """Every change of every method, newest first: {id, title, link, updated, note}."""
    entries = []
    for method in catalogue.methods:
        changes = changes_newest_first(method)
        link = page_url(method["id"])
        for position, change in enumerate(changes):
            entries.append({
                "id": f"{link}#change-{change['date']}-{len(changes) - position}",
                "title": f"{method['title'][lang]}: {change['date']}",
                "link": link,
                "updated": change["date"],
                "note": change["note"][lang],
            })
    return sorted(entries, key=lambda entry: entry["updated"], reverse=True)


def atom_feed(catalogue: Catalogue, lang: str, xml_lang: str, feed_url: str, home_url: str, page_url) -> bytes:
    """The language's feed as Atom 1.0; `page_url(method_id)` gives a method page's full address."""
    entries = feed_entries(catalogue, lang, page_url)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(catalogue.ui["feed_title"][lang])
    feed.author({"name": SITE_NAME})
    feed.generator(SITE_NAME)  # not feedgen's own name and address
    feed.link(href=home_url, rel="alternate", type="text/html", hreflang=xml_lang)
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.language(xml_lang)
    feed.updated(_moment(entries[0]["updated"]) if entries else datetime.datetime.now(datetime.timezone.utc))
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry["id"])
        item.title(entry["title"])
        item.link(href=entry["link"], rel="alternate", type="text/html")
        item.updated(_moment(entry["updated"]))
        item.summary(entry["note"], type="text")
    return feed.atom_str(pretty=True)
