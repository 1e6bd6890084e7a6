package com.huntaze.slo.schemas.service;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a file named on a command line could not be read, in words, for one-line errors. */
public final class FileProblems {
  private FileProblems() {
  }

  /** "no such file", "permission denied", "is a directory", "not UTF-8 text", else the exception's own message. */
  public static String describe(IOException e) {
    if (e instanceof CharacterCodingException) {
      // Files.readString's own message is "Input length = 1": true, and no help to anyone
      return "not UTF-8 text: save it as UTF-8";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    if (message != null && message.contains("Is a directory")) {
      return "is a directory";
    }
    return message != null ? message : e.getClass().getSimpleName();
  }
}
