package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {
  @TempDir
  Path dir;

  @Test
  void shouldMapEachTokenToItsServices() throws Exception {
    Path file = Files.writeString(dir.resolve("tokens"), "# comment\n\ntok-a  huntaze-api,billing\ntok-all *\n");
    BearerTokens tokens = BearerTokens.load(file);
    assertEquals(Optional.of(Set.of("huntaze-api", "billing")), tokens.authenticate("Bearer tok-a"));
    assertEquals(Optional.of(Set.of("huntaze-api", "billing")), tokens.authenticate("bearer tok-a"));
    assertEquals(Optional.empty(), tokens.authenticate("Bearer tok-b"));
    assertEquals(Optional.empty(), tokens.authenticate("Basic dG9rLWE="));
    assertEquals(Optional.empty(), tokens.authenticate(null));
    assertTrue(BearerTokens.allows(tokens.authenticate("Bearer tok-all").orElseThrow(), "anything"));
  }

  @Test
  void shouldRefuseAMalformedOrEmptyFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad"), "tok-a\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BearerTokens.load(bad));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
    assertThrows(IllegalArgumentException.class, () -> BearerTokens.load(empty));
    Path twice = Files.writeString(dir.resolve("twice"), "t a\nt b\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BearerTokens.load(twice)).getMessage().contains("line 2"));
  }
}
