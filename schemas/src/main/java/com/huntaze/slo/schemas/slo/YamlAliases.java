package com.huntaze.slo.schemas.slo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML aliases ({@code *name}) of a text. Jackson's tree reader does not resolve them:
 * {@code service: *api} would read as the text "api", an SLO on a service that never sends. The
 * SLO loader and the OpenSLO import refuse them, each with where it is.
 */
public final class YamlAliases {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  /** One alias: its name and where it is. */
  public record Alias(String name, JsonLocation location) {
    /** What is wrong with it and what to do, without its place. */
    public String problem() {
      return "the YAML alias *" + name + " is not supported (it would be read as the text \"" + name + "\"): write the value out";
    }
  }

  private YamlAliases() {
  }

  /** Every alias of {@code yaml}, in order; the text must already have parsed (a YAML error throws). */
  public static List<Alias> find(String yaml) throws IOException {
    List<Alias> found = new ArrayList<>();
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          found.add(new Alias(parser.getText(), parser.currentLocation()));
        }
      }
    }
    return found;
  }
}
