// Material's search worker, with queries stemmed the way the index is.
//
// Material searches as you type: it appends "*" to every query term, and lunr does not stem a term
// that has a wildcard. With a stemmer in the index (Norwegian, Swedish) a whole word then found
// nothing: the index holds "tjenest" for tjeneste, tjenesten and tjenester, and "tjenester*" is not
// a prefix of it. So each word of a query is first reduced with the index's own stemmer:
// "tjenester" searches "tjenest*" and finds every form. Material's worker, whose address this one
// gets as ?material=, does the rest; overrides/main.html points Material's page config here.
"use strict";

let indexConfig = null;  // the "config" of the search index, from Material's set-up message

function indexStemmer() {
  const stemmed = indexConfig && indexConfig.lang.length === 1 && indexConfig.pipeline.includes("stemmer");
  return stemmed && self.lunr[indexConfig.lang[0]] ? self.lunr[indexConfig.lang[0]].stemmer : null;
}

// Words only: not a field name ("title:"), and operators such as + - * ~ ^ stay as they are.
const WORD = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu;

function withStemmedQuery(message) {
  if (message.type === 0) {  // set-up: the index and its config
    indexConfig = message.data.config;
  } else if (message.type === 2 && indexStemmer()) {  // a query
    const stem = indexStemmer();
    return { ...message, data: message.data.replace(WORD, word => stem(word.toLowerCase())) };
  }
  return message;
}

const addWorkerEventListener = self.addEventListener.bind(self);
self.addEventListener = (type, listener, options) => addWorkerEventListener(
  type, type === "message" ? event => listener({ data: withStemmedQuery(event.data) }) : listener, options,
);
importScripts(new URL(location.href).searchParams.get("material"));
