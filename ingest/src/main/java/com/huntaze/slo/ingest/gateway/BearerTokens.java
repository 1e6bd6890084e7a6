package com.huntaze.slo.ingest.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens and the services each may publish for. File format, one token per line:
 * {@code <token> <service>[,<service>...]}, {@code *} for any service, {@code #} starts a comment.
 * Tokens are held as SHA-256 digests: the lookup then does not compare secrets byte by byte, and a
 * heap dump does not hold them.
 */
public final class BearerTokens {
  public static final String ANY_SERVICE = "*";

  private final Map<String, Set<String>> servicesByDigest;

  private BearerTokens(Map<String, Set<String>> servicesByDigest) {
    this.servicesByDigest = Map.copyOf(servicesByDigest);
  }

  public static BearerTokens of(Map<String, Set<String>> servicesByToken) {
    Map<String, Set<String>> byDigest = new HashMap<>();
    servicesByToken.forEach((token, services) -> byDigest.put(digest(token), Set.copyOf(services)));
    return new BearerTokens(byDigest);
  }

  public static BearerTokens load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, Set<String>> byDigest = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(file + " line " + (i + 1)
            + ": expected '<token> <service>[,<service>...]' (token and services separated by whitespace)");
      }
      Set<String> services = new LinkedHashSet<>(Arrays.asList(parts[1].split(",")));
      if (services.contains("")) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": empty service name in '" + parts[1] + "'");
      }
      if (byDigest.put(digest(parts[0]), Set.copyOf(services)) != null) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": the same token appears twice");
      }
    }
    if (byDigest.isEmpty()) {
      throw new IllegalArgumentException(file + ": no tokens (an empty token file would lock every client out)");
    }
    return new BearerTokens(byDigest);
  }

  public int size() {
    return servicesByDigest.size();
  }

  /** The services the {@code Authorization} header's token may publish for; empty if missing or unknown. */
  public Optional<Set<String>> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.length() < 8
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.ofNullable(servicesByDigest.get(digest(authorizationHeader.substring(7).strip())));
  }

  public static boolean allows(Set<String> services, String service) {
    return services.contains(ANY_SERVICE) || services.contains(service);
  }

  private static String digest(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
