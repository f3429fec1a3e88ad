/** An attribute with its namespace resolved (`ns` is '' for unprefixed attributes). */
export interface XmlAttribute {
  /** Qualified name as written, e.g. `xml:base`. */
  name: string;
  local: string;
  ns: string;
  value: string;
}

/** An element with its namespace resolved and its effective `xml:base`. Text children are strings. */
export interface XmlElement {
  /** Qualified name as written, e.g. `dc:creator`. */
  name: string;
  local: string;
  /** `local` in lower case: feeds get the case of element names wrong, so matching ignores it. */
  lname: string;
  ns: string;
  attributes: XmlAttribute[];
  children: (XmlElement | string)[];
  /** The base URL relative references inside this element resolve against (XML Base), if known. */
  base: string | null;
  parent: XmlElement | null;
  /** The element children, listed once by elementsOf (the tree is not changed once read). */
  elementChildren?: readonly XmlElement[] | undefined;
}

/** What {@link readXml} found: the top-level elements, and every problem it recovered from. */
export interface XmlDocument {
  elements: XmlElement[];
  /** Well-formedness problems that were tolerated (empty for a well-formed document). */
  issues: string[];
}
