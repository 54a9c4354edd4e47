package org.govledger.services.certificate.catalogue;

import java.util.Optional;

/** Who holds a certificate of a type: a natural person or a company (any registered entity). */
public enum SubjectKind {
  PERSON("person"),
  COMPANY("company");

  private final String jsonName;

  SubjectKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in type files and the API: {@code person} or {@code company}. */
  public String jsonName() {
    return jsonName;
  }

  /** The kind with this JSON name, if there is one. */
  public static Optional<SubjectKind> fromJsonName(String name) {
    for (SubjectKind kind : values()) {
      if (kind.jsonName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
