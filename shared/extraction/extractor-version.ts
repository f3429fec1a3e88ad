/**
 * Version of the extractor (Readability settings, metadata rules, site rules, sanitiser, text), kept
 * in each stored Article as `extraction.extractorVersion`. Bump it whenever a change to
 * `shared/extraction` can change what an extraction produces, so consumers can tell records apart
 * and `feedloom reextract --before-version N` can select the older ones. Records stored before
 * versions were recorded have none and count as 0.
 */
export const EXTRACTOR_VERSION = 7;
