package com.huntaze.slo.schemas.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huntaze.slo.schemas.slo.SloConfigException;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file named on a command line that cannot be read is said in words, not as a Java exception. */
class FileProblemsTest {

  @Test
  void shouldSayWhyAnSloFileOrKafkaSettingsFileCannotBeRead(@TempDir Path dir) {
    Path absent = dir.resolve("absent.yaml");
    SloConfigException slos = assertThrows(SloConfigException.class, () -> SloConfigLoader.load(absent));
    assertEquals(absent + ": 1 error\n  - cannot read the file (no such file)", slos.getMessage().strip());
    SloConfigException directory = assertThrows(SloConfigException.class, () -> SloConfigLoader.load(dir));
    assertEquals(dir + ": 1 error\n  - cannot read the file (is a directory)", directory.getMessage().strip());
    UncheckedIOException kafka = assertThrows(UncheckedIOException.class,
        () -> KafkaOptions.readFile(dir.resolve("k.properties"), "--kafka-config-file"));
    assertEquals("cannot read --kafka-config-file " + dir.resolve("k.properties") + " (no such file)", kafka.getMessage());
  }

  @Test
  void shouldSayAFileIsNotUtf8TextRatherThanInputLength(@TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "slos: # caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    SloConfigException slos = assertThrows(SloConfigException.class, () -> SloConfigLoader.load(latin1));
    assertEquals(latin1 + ": 1 error\n  - cannot read the file (not UTF-8 text: save it as UTF-8)", slos.getMessage().strip());
  }
}
