package org.govledger.services.certificate.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueLoadTest {
  @TempDir Path dir;

  @Test
  void load_withAnExtraType_findsItBesideTheBuiltInOnes() throws Exception {
    copy("extra", "dog-registration.json");

    Catalogue catalogue = Catalogue.load(dir);

    assertThat(catalogue.size()).isEqualTo(25);
    CertificateType dog = catalogue.find("dog-registration").orElseThrow();
    assertThat(dog.names().zh()).isEqualTo("犬只登记证");
    assertThat(dog.subject()).isEqualTo(SubjectKind.PERSON);
    assertThat(dog.defaultValidityDays()).contains(365);
    assertThat(dog.validate(dog.example())).isEmpty();
    assertThat(catalogue.find("resident-identity-card")).isPresent();
    assertThat(catalogue.all()).extracting(CertificateType::id).isSorted();
  }

  @Test
  void load_withAnEmptyDirectory_holdsTheBuiltInTypes() throws Exception {
    assertThat(Catalogue.load(dir).all()).isEqualTo(Catalogue.builtIn().all());
  }

  @Test
  void load_skipsFilesThatAreNotTypeFiles() throws Exception {
    copy("extra", "dog-registration.json");
    Files.writeString(dir.resolve("notes.txt"), "not a type");
    Files.writeString(dir.resolve(".dog-registration.json"), "{ an editor's backup");
    Files.createDirectory(dir.resolve("old.json"));

    assertThat(Catalogue.load(dir).size()).isEqualTo(25);
  }

  @Test
  void load_withABuiltInId_failsNamingTheFile() throws Exception {
    Path file = copy("clash", "resident-identity-card.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("\"resident-identity-card\" is already in the catalogue");
  }

  @Test
  void load_withABuiltInVct_failsNamingTheFile() throws Exception {
    Path file = copy("vct-clash", "dog-registration.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("already belongs to type \"driving-licence\"");
  }

  @Test
  void load_withMalformedJson_failsNamingTheFile() throws Exception {
    Path file = copy("malformed", "dog-registration.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("line");
  }

  @Test
  void load_withAnExampleThatBreaksItsSchema_failsNamingTheFileAndTheField() throws Exception {
    Path file = copy("example-fails", "dog-registration.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("example does not satisfy the schema")
        .hasMessageContaining("/microchipNumber");
  }

  @Test
  void load_withAFileNamedDifferentlyFromItsId_failsNamingTheFile() throws Exception {
    Path file = copy("misnamed", "dog-licence.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("id \"dog-registration\" does not match the file name");
  }

  @Test
  void load_withAnOpenSchema_failsNamingTheFileAndTheRule() throws Exception {
    Path file = copy("open-schema", "dog-registration.json");

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("\"additionalProperties\": false");
  }

  @Test
  void load_withAMissingDirectory_failsNamingIt() {
    Path missing = dir.resolve("no-such-directory");

    assertThatThrownBy(() -> Catalogue.load(missing))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(missing.toString())
        .hasMessageContaining("not a directory");
  }

  @Test
  void load_withAnUnknownField_failsNamingIt() throws Exception {
    String text = new String(resource("extra", "dog-registration.json"), StandardCharsets.UTF_8)
        .replace("\"defaultValidityDays\"", "\"defaultValidityDay\"");
    Path file = Files.writeString(dir.resolve("dog-registration.json"), text);

    assertThatThrownBy(() -> Catalogue.load(dir))
        .isInstanceOf(CatalogueException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("unknown field \"defaultValidityDay\"");
  }

  private Path copy(String folder, String name) throws IOException {
    return Files.write(dir.resolve(name), resource(folder, name));
  }

  private static byte[] resource(String folder, String name) throws IOException {
    String path = "/catalogue/" + folder + "/" + name;
    try (InputStream in = CatalogueLoadTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    }
  }
}
