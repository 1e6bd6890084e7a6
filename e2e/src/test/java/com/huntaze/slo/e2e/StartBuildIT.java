package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.e2e.support.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When start.sh builds the services: a jar older than its module's code (after a git pull or an
 * edit) is built again, a current one is not. Run on a copy of the scripts with placeholder
 * modules and a stand-in {@code mvn} on the PATH that only says it ran and fails, so nothing is
 * built or started.
 */
class StartBuildIT {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();
  private static final List<String> MODULES = List.of("schemas", "ingest/client", "processor", "ingest", "exporter");
  /** Modules without a service jar of their own: libraries built into the services' lib/. */
  private static final List<String> LIBRARIES = List.of("schemas", "ingest/client");

  @Test
  void rebuildsWhenAJarIsOlderThanItsCode() throws Exception {
    Path root = checkout(Instant.now().minusSeconds(3600));
    edit(root, "processor");
    Shell.Result r = assertBuildStarted(root, "processor");
    assertTrue(r.output().contains("build failed"), r::toString);
    assertNotEquals(0, r.exit(), r::toString);
  }

  /** A source file deleted (a git pull that removes a class) changes only its directory. */
  @Test
  void rebuildsWhenASourceFileWasDeleted() throws Exception {
    Path root = checkout(Instant.now().minusSeconds(3600));
    Files.delete(root.resolve("exporter/src/main/Code.java"));
    Shell.Result r = assertBuildStarted(root, "exporter");
    assertNotEquals(0, r.exit(), r::toString);
  }

  /** The gateway's traffic generator runs the Java emitter (slo-client, ingest/client) from ingest's lib/. */
  @Test
  void rebuildsWhenTheEmitterLibraryIsNewerThanTheIngestJar() throws Exception {
    Path root = checkout(Instant.now().minusSeconds(3600));
    edit(root, "ingest/client");
    Shell.Result r = assertBuildStarted(root, "ingest");
    assertNotEquals(0, r.exit(), r::toString);
  }

  /** A running stack loads classes from its jars: they are not rebuilt under it, and start.sh says how to get the new code. */
  @Test
  void keepsTheBuildARunningStackUses() throws Exception {
    Path root = checkout(Instant.now().minusSeconds(3600));
    edit(root, "processor");
    Path run = Files.createDirectories(root.resolve(".run"));
    // A process carrying the run directory's mark, as every part of a running stack does.
    Process part = new ProcessBuilder("sh", "-c", "sleep 60", "part", "-Dslo.stack=" + run + "/.slo-stack").start();
    try {
      Shell.Result r = start(root);
      assertTrue(r.output().contains("the processor jar is older than its code; the running stack keeps its build: ./stop.sh, "
          + "then ./start.sh to build and run the new code"), r::toString);
      assertFalse(r.output().contains("stand-in mvn ran: -B -q -Dstyle.color=never package"), r::toString);
    } finally {
      part.destroyForcibly().waitFor();
    }
  }

  /**
   * mvn leaves a service jar as it was when its own module did not change (an edit in schemas alone):
   * that build is current and is not done again at every later start.
   */
  @Test
  void doesNotRebuildAtEveryStartWhenMavenLeftTheJarsAsTheyWere() throws Exception {
    Path root = checkout(Instant.now().minusSeconds(3600));
    Files.writeString(root.resolve("stand-in-bin/mvn"), "#!/bin/sh\necho \"stand-in mvn ran: $*\"\nexit 0\n");
    edit(root, "schemas");
    assertBuildStarted(root, "processor");
    Shell.Result again = start(root);
    assertFalse(again.output().contains("building the services"), again::toString);
  }

  @Test
  void startsACurrentBuildAsItIs() throws Exception {
    Path root = checkout(Instant.now().plusSeconds(60)); // jars newer than every source
    Shell.Result r = start(root);
    assertFalse(r.output().contains("building the services"), r::toString);
    assertFalse(r.output().contains("stand-in mvn ran: -B -q -Dstyle.color=never package"), r::toString);
    // The placeholder processor.jar cannot check the SLO file: that is where this start ends.
    assertTrue(r.output().contains("invalid SLO file"), r::toString);
  }

  /** The scripts and compose files, each module with a pom, code two hours old and jars stamped {@code jarTime}. */
  private static Path checkout(Instant jarTime) throws IOException {
    Path root = Files.createDirectories(WORK.resolve("start-build-" + System.nanoTime()));
    for (String script : List.of("start.sh", "stop.sh", "pom.xml")) {
      Files.copy(ROOT.resolve(script), root.resolve(script), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    copyTree(ROOT.resolve("compose"), root.resolve("compose"));
    FileTime old = FileTime.from(Instant.now().minusSeconds(7200));
    Files.setLastModifiedTime(root.resolve("pom.xml"), old);
    for (String m : MODULES) {
      Files.setLastModifiedTime(Files.writeString(Files.createDirectories(root.resolve(m)).resolve("pom.xml"), "<project/>"), old);
      Files.setLastModifiedTime(Files.writeString(Files.createDirectories(root.resolve(m + "/src/main")).resolve("Code.java"), "//"), old);
      Files.setLastModifiedTime(root.resolve(m + "/src/main"), old); // a directory changes when a file in it is added or deleted
      if (!LIBRARIES.contains(m)) {
        Files.createDirectories(root.resolve(m + "/target/lib"));
        Files.setLastModifiedTime(Files.writeString(root.resolve(m + "/target/" + m + ".jar"), ""), FileTime.from(jarTime));
      }
    }
    Path bin = Files.createDirectories(root.resolve("stand-in-bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"stand-in mvn ran: $*\"\nexit 7\n");
    assertTrue(mvn.toFile().setExecutable(true));
    return root;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files.filter(p -> !from.relativize(p).toString().contains("target"))::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Adds a source file newer than the jars to {@code module}. */
  private static void edit(Path root, String module) throws IOException {
    Files.setLastModifiedTime(Files.writeString(root.resolve(module + "/src/main/Edited.java"), "// newer than the jar"),
        FileTime.from(Instant.now()));
  }

  /** Runs start.sh and checks it built the services, naming {@code service}'s jar as the reason. */
  private static Shell.Result assertBuildStarted(Path root, String service) throws IOException, InterruptedException {
    Shell.Result r = start(root);
    assertTrue(r.output().contains("building the services: the " + service + " jar is older than its code"), r::toString);
    assertTrue(r.output().contains("stand-in mvn ran: -B -q -Dstyle.color=never package -DskipTests"), r::toString);
    return r;
  }

  private static Shell.Result start(Path root) throws IOException, InterruptedException {
    Map<String, String> env = Map.of("PATH", root.resolve("stand-in-bin") + ":" + System.getenv("PATH"),
        "SLO_RUN_DIR", root.resolve(".run").toString(), "KAFKA_HOME", "");
    return Shell.run(root, env, Duration.ofMinutes(1), root.resolve("start.out"), List.of("bash", "start.sh", "--local"));
  }
}
