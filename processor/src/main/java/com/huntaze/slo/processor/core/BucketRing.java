package com.huntaze.slo.processor.core;

/**
 * Good/total counts per time bucket of one resolution, in a ring of fixed size: the state of one
 * SLO at one resolution does not grow with traffic or time. Each slot remembers which bucket it
 * holds, so a read never mistakes an old bucket for a current one.
 *
 * <p>The ring keeps the {@code kept} buckets up to the evaluation time ("now"), which is what its
 * longest window reads, plus room for events up to {@code ahead} buckets in the future (clock
 * skew). A late event is applied whenever its bucket is among the kept ones, however late it
 * arrives and in whatever order: with that room, its slot holds its own bucket or one that no
 * window reads any more, never a bucket still in use.
 *
 * <p>Pages of slots ({@link BucketPage}) written since the last {@link #drainChanges} are tracked
 * so only those reach the state store. The store keeps one record per page (not per bucket): a new
 * bucket overwrites the one it replaces, so the changelog never needs a tombstone and holds at most
 * {@link #pages()} records.
 */
public final class BucketRing {
  static final long EMPTY = Long.MIN_VALUE;
  /** Longs per slot in a page: the bucket it holds, then its good and total counts, side by side so an event touches one cache line. */
  private static final int STRIDE = 3;
  /** Slots per page in memory: allocated when first written, so a quiet group holds little (stored pages may be wider). */
  private static final int MEMORY_SLOTS = 16;

  /** The arrays pages are drained into, by number of slots: {bucket, good, total} (per thread: an engine is run by one). */
  private static final ThreadLocal<long[][][]> DRAINED = ThreadLocal.withInitial(() -> new long[BucketPage.MAX_SLOTS + 1][][]);
  private final Resolution resolution;
  private final int kept;
  final int size;
  /**
   * The slots, {@link #MEMORY_SLOTS} to a page, each page made when a bucket is first written
   * to it: a new group instance holds a page or two, not a whole 30-day ring (most groups of a
   * grouped SLO are young or quiet).
   */
  private final long[][] pages;
  /** Slots per stored page ({@link BucketPage#slotsPerPage}): what "page" means from here on. */
  private final int pageSlots;
  /** Stored pages written since the last drain, each listed once (a flag array beats a BitSet on this path). */
  private final boolean[] dirty;
  private final int[] dirtyPages;
  private int dirtyCount;

  public BucketRing(Resolution resolution, int kept, int ahead) {
    this.resolution = resolution;
    this.kept = kept;
    this.size = kept + ahead + 2;
    this.pages = new long[ceilDiv(size, MEMORY_SLOTS)][];
    this.pageSlots = BucketPage.slotsPerPage(resolution);
    this.dirty = new boolean[ceilDiv(size, pageSlots)];
    this.dirtyPages = new int[dirty.length];
  }

  public Resolution resolution() {
    return resolution;
  }

  int kept() {
    return kept;
  }

  public int size() {
    return size;
  }

  /** Stored pages: the records a ring's state takes at most. */
  public int pages() {
    return dirty.length;
  }

  public int pageSlots() {
    return pageSlots;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Whether a bucket is still kept when "now" is in {@code nowBucket}: some window may read it. */
  public boolean keeps(long bucketIndex, long nowBucket) {
    return bucketIndex > nowBucket - kept;
  }

  /** Whether {@link #add} would take counts for this bucket now, without adding any (for {@link MinuteBatch}). */
  public boolean accepts(long bucketIndex, long nowBucket) {
    if (!keeps(bucketIndex, nowBucket)) {
      return false;
    }
    long held = held(slot(bucketIndex));
    return held == bucketIndex || held == EMPTY || held < bucketIndex;
  }

  /** Whether two different buckets would use the same slot (for {@link MinuteBatch}). */
  boolean sameSlot(long a, long b) {
    return a != b && slot(a) == slot(b);
  }

  /** Adds counts to a bucket; false when it is no longer kept (older than every window reads). */
  public boolean add(long bucketIndex, long nowBucket, long goodDelta, long totalDelta) {
    if (!keeps(bucketIndex, nowBucket)) {
      return false;
    }
    int slot = slot(bucketIndex);
    long[] page = pageFor(slot);
    int at = offsetInPage(slot);
    long held = page[at];
    if (held != bucketIndex) {
      if (held != EMPTY && held > bucketIndex) {
        return false; // only an event beyond the allowed skew could do this; the engine refuses those
      }
      page[at] = bucketIndex;
      page[at + 1] = 0;
      page[at + 2] = 0;
    }
    page[at + 1] += goodDelta;
    page[at + 2] += totalDelta;
    markDirty(slot);
    return true;
  }

  /**
   * Puts back a bucket stored under {@code storedSlot}. Returns whether that stored record stays
   * valid where it is; when not (an older bucket, or a ring resized since), the caller deletes it,
   * and a bucket that moved to another slot is rewritten there on the next drain.
   */
  public boolean restore(int storedSlot, long bucketIndex, long goodCount, long totalCount) {
    int slot = slot(bucketIndex);
    long held = held(slot);
    if (held != EMPTY && held > bucketIndex) {
      return false;
    }
    long[] page = pageFor(slot);
    int at = offsetInPage(slot);
    page[at] = bucketIndex;
    page[at + 1] = goodCount;
    page[at + 2] = totalCount;
    if (slot != storedSlot) {
      markDirty(slot);
      return false;
    }
    return true;
  }

  /**
   * Sums the {@code count} buckets ending with {@code lastBucket} (inclusive) into {@code into}
   * as {good, total}. Exact: only buckets whose index lies in the range count.
   */
  public void sum(long lastBucket, int count, long[] into) {
    long first = lastBucket - count + 1;
    long g = 0;
    long t = 0;
    if (count >= size) {
      for (long[] page : pages) {
        for (int at = 0; page != null && at < page.length; at += STRIDE) {
          long b = page[at];
          if (b != EMPTY && b >= first && b <= lastBucket) {
            g += page[at + 1];
            t += page[at + 2];
          }
        }
      }
    } else {
      // Page by page from the first bucket's slot: no division per slot, and no look at pages never written.
      long b = first;
      int slot = slot(first);
      while (b <= lastBucket) {
        int steps = stepsInPage(slot, lastBucket - b + 1);
        long[] page = pages[slot / MEMORY_SLOTS];
        for (int i = 0, at = offsetInPage(slot); page != null && i < steps; i++, at += STRIDE) {
          if (page[at] == b + i) {
            g += page[at + 1];
            t += page[at + 2];
          }
        }
        b += steps;
        slot = slot + steps == size ? 0 : slot + steps;
      }
    }
    into[0] = g;
    into[1] = t;
  }

  /** Hands each bucket from {@code firstBucket} to {@code lastBucket} (inclusive) that this ring holds to {@code visitor}, oldest first. */
  public void forEach(long firstBucket, long lastBucket, BucketVisitor visitor) {
    long b = firstBucket;
    int slot = slot(firstBucket);
    while (b <= lastBucket) { // page by page, as sum does
      int steps = stepsInPage(slot, lastBucket - b + 1);
      long[] page = pages[slot / MEMORY_SLOTS];
      for (int i = 0, at = offsetInPage(slot); page != null && i < steps; i++, at += STRIDE) {
        if (page[at] == b + i) {
          visitor.visit(b + i, page[at + 1], page[at + 2]);
        }
      }
      b += steps;
      slot = slot + steps == size ? 0 : slot + steps;
    }
  }

  /** Consecutive slots from {@code slot} within its page and the ring's end, at most {@code buckets}. */
  private int stepsInPage(int slot, long buckets) {
    return (int) Math.min(Math.min(MEMORY_SLOTS - slot % MEMORY_SLOTS, size - slot), buckets);
  }

  public interface BucketVisitor {
    void visit(long bucketIndex, long good, long total);
  }

  /**
   * Hands each page written since the last call to {@code writes}, valid during the call only (copy it to keep it): its arrays
   * are reused, as a commit of a grouped SLO drains thousands of pages (new arrays for each were a third of what they allocated).
   */
  public void drainChanges(java.util.function.Consumer<BucketPage> writes) {
    long[][][] reused = DRAINED.get();
    for (int i = 0; i < dirtyCount; i++) {
      writes.accept(page(dirtyPages[i], reused));
      dirty[dirtyPages[i]] = false;
    }
    dirtyCount = 0;
  }

  /** A stored page, from the memory pages it spans (one never written, or only marked for a rewrite: empty slots), in reused arrays. */
  private BucketPage page(int pageIndex, long[][][] bySlots) {
    int first = pageIndex * pageSlots;
    int slots = Math.min(pageSlots, size - first);
    long[][] into = bySlots[slots] != null ? bySlots[slots] : (bySlots[slots] = new long[][] {new long[slots], new long[slots], new long[slots]});
    for (int i = 0; i < slots; i++) {
      long[] page = pages[(first + i) / MEMORY_SLOTS];
      int at = offsetInPage(first + i);
      into[0][i] = page == null ? EMPTY : page[at];
      into[1][i] = page == null ? 0 : page[at + 1];
      into[2][i] = page == null ? 0 : page[at + 2];
    }
    return new BucketPage(pageIndex, into[0], into[1], into[2]);
  }

  /**
   * Puts back a stored page. Returns whether that stored record stays valid as it is; when not
   * (the ring was resized since), its buckets moved and the pages they moved to are written on the
   * next drain; the caller rewrites this page too, or deletes it when the ring no longer has it.
   */
  public boolean restore(BucketPage stored) {
    boolean inPlace = stored.page() < pages();
    for (int i = 0; i < stored.slots(); i++) {
      if (stored.holds(i)) {
        inPlace &= restore(stored.page() * pageSlots + i, stored.bucketIndex()[i], stored.good()[i], stored.total()[i]);
      }
    }
    return inPlace;
  }

  /** Writes the page on the next drain, whatever changed. */
  public void markPageDirty(int page) {
    if (!dirty[page]) {
      dirty[page] = true;
      dirtyPages[dirtyCount++] = page;
    }
  }

  /** Writes the page holding {@code bucketIndex}'s slot on the next drain. */
  void markDirtyFor(long bucketIndex) {
    markDirty(slot(bucketIndex));
  }

  public boolean hasChanges() {
    return dirtyCount > 0;
  }

  private void markDirty(int slot) {
    markPageDirty(slot / pageSlots);
  }

  /** The bucket a slot holds, {@link #EMPTY} when none. */
  long held(int slot) {
    long[] page = pages[slot / MEMORY_SLOTS];
    return page == null ? EMPTY : page[offsetInPage(slot)];
  }

  /** The page of a slot, made (every slot empty) when it has none yet. */
  private long[] pageFor(int slot) {
    long[] page = pages[slot / MEMORY_SLOTS];
    if (page == null) {
      page = new long[MEMORY_SLOTS * STRIDE];
      for (int at = 0; at < page.length; at += STRIDE) {
        page[at] = EMPTY;
      }
      pages[slot / MEMORY_SLOTS] = page;
    }
    return page;
  }

  /** Where a slot's bucket is in its page (its counts follow). */
  private static int offsetInPage(int slot) {
    return (slot % MEMORY_SLOTS) * STRIDE;
  }

  private int slot(long bucketIndex) {
    return (int) Math.floorMod(bucketIndex, (long) size);
  }
}
