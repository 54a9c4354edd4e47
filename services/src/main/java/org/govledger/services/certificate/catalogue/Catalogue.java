package org.govledger.services.certificate.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The certificate types a node knows: the built-in ones, named by the index {@code catalogue.json}
 * beside the type files in this package's resources, plus any a node loads from a directory.
 * Immutable and thread-safe; each type's schema is compiled once, when the catalogue is loaded.
 * Loading checks every type (see {@link CertificateType} and {@link ClaimsSchema#compile}) and that
 * no two types share an id or a vct.
 */
public final class Catalogue {
  static final String INDEX = "catalogue.json";
  static final String TYPES = "types/";
  private static final String FILE_SUFFIX = ".json";

  private final SortedMap<String, CertificateType> types;
  private final List<CertificateType> all;

  private Catalogue(SortedMap<String, CertificateType> types) {
    this.types = Collections.unmodifiableSortedMap(new TreeMap<>(types));
    this.all = List.copyOf(this.types.values());
  }

  /**
   * The built-in types. Each call reads and compiles them again: load once and keep the result.
   *
   * @throws IllegalStateException if a built-in type file is broken, which is a build defect
   */
  public static Catalogue builtIn() {
    try {
      return new Catalogue(readBuiltIn());
    } catch (CatalogueException e) {
      throw new IllegalStateException("the built-in certificate catalogue is broken: "
          + e.getMessage(), e);
    }
  }

  /**
   * The built-in types plus every {@code *.json} file directly in {@code dir}, each one type
   * named after its id. Files whose names start with a dot are skipped.
   *
   * @throws CatalogueException naming the file and its problem: unreadable, malformed JSON, an
   *     invalid type, an id that differs from the file name, or an id or vct already taken
   */
  public static Catalogue load(Path dir) throws CatalogueException {
    Objects.requireNonNull(dir, "dir");
    SortedMap<String, CertificateType> types = readBuiltIn();
    for (Path file : typeFiles(dir)) {
      String name = file.getFileName().toString();
      String id = name.substring(0, name.length() - FILE_SUFFIX.length());
      add(types, TypeFile.read(file.toString(), readFile(file), id), file.toString());
    }
    return new Catalogue(types);
  }

  /** The type with this id, if the catalogue has it. */
  public Optional<CertificateType> find(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(types.get(id));
  }

  /** Every type, sorted by id. */
  public List<CertificateType> all() {
    return all;
  }

  /** How many types the catalogue holds. */
  public int size() {
    return types.size();
  }

  @Override
  public String toString() {
    return "Catalogue" + types.keySet();
  }

  private static SortedMap<String, CertificateType> readBuiltIn() throws CatalogueException {
    SortedMap<String, CertificateType> types = new TreeMap<>();
    for (String id : TypeFile.readIndex(builtInName(INDEX), resource(INDEX))) {
      String path = TYPES + id + FILE_SUFFIX;
      add(types, TypeFile.read(builtInName(path), resource(path), id), builtInName(path));
    }
    return types;
  }

  private static void add(Map<String, CertificateType> types, CertificateType type, String source)
      throws CatalogueException {
    if (types.containsKey(type.id())) {
      throw new CatalogueException(source + ": a type with id \"" + type.id() + "\" is already"
          + " in the catalogue; give this type another id");
    }
    for (CertificateType other : types.values()) {
      if (other.vct().equals(type.vct())) {
        throw new CatalogueException(source + ": vct \"" + type.vct() + "\" already belongs to"
            + " type \"" + other.id() + "\"; each type needs its own vct");
      }
    }
    types.put(type.id(), type);
  }

  private static List<Path> typeFiles(Path dir) throws CatalogueException {
    if (!Files.isDirectory(dir)) {
      throw new CatalogueException(dir + ": not a directory; give the directory that holds the"
          + " extra type files (<id>.json)");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + FILE_SUFFIX)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      throw new CatalogueException(dir + ": cannot list the directory: " + e.getMessage(), e);
    }
    Collections.sort(files);
    return files;
  }

  private static byte[] readFile(Path file) throws CatalogueException {
    try {
      if (Files.size(file) > TypeFile.MAX_BYTES) {
        throw new CatalogueException(file + ": larger than the limit of " + TypeFile.MAX_BYTES
            + " bytes for a type file");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CatalogueException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] resource(String path) throws CatalogueException {
    try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new CatalogueException(builtInName(path) + ": missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CatalogueException(builtInName(path) + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static String builtInName(String path) {
    return "built-in " + path;
  }
}
