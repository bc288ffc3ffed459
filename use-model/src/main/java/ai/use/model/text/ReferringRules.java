package ai.use.model.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The rule set that turns noun-phrase chunks into referring expressions (documented with examples
 * in {@code docs/phrases.md}):
 *
 * <ol>
 *   <li><b>Mention</b>: an NP chunk from its first word to its head (its last noun), so modifiers
 *       stay and trailing non-nouns go; chunks without a noun (pronouns, numbers) are no phrase; a
 *       chunk is split at a possessive {@code 's} and at {@code and}/{@code ,} right after a noun.
 *   <li><b>Drop</b> meta nouns ({@code "a photo"}), place/time nouns ({@code "the left"}) and bare
 *       positional idioms ({@code "on top of"}, {@code "in front of"}).
 *   <li><b>Collective</b>: {@code "a group of people"} is one object phrase spanning both chunks.
 *   <li><b>Possessive</b>: {@code "the dog's tail"} is a part of {@code "the dog"}.
 *   <li><b>Of</b>: in {@code "the X of the Y"}, X is a part of Y.
 *   <li><b>With</b>: in {@code "Y with X (, and X2)*"} (also {@code has/have/having}), each X whose
 *       head is a {@link Lexicon#PART_NOUNS part noun} is a part of Y.
 *   <li><b>Parent</b>: a part of a part belongs to the object at the end of the chain.
 * </ol>
 */
final class ReferringRules {
  private static final Set<String> WITH_WORDS = Set.of("with", "has", "have", "having");
  private static final Set<String> LIST_WORDS = Set.of(",", "and", "&");

  private ReferringRules() {}

  /** One candidate phrase: tokens {@code [first, last]} (last = head), and how it relates. */
  private static final class Mention {
    final int first;
    final int last;
    int spanFirst;
    Mention partOf;
    boolean dropped;

    Mention(int first, int last) {
      this.first = first;
      this.last = last;
      this.spanFirst = first;
    }
  }

  static List<Phrase> apply(String caption, List<Token> tokens) {
    List<Mention> mentions = mentions(tokens);
    dropNonReferring(tokens, mentions);
    mentions = mergeCollectives(tokens, mentions);
    linkParts(tokens, mentions);
    return phrases(caption, tokens, mentions);
  }

  /** Rules 1 and 4: NP chunks, trimmed to their head; a possessive {@code 's} splits a chunk. */
  private static List<Mention> mentions(List<Token> tokens) {
    List<Mention> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (!tokens.get(i).chunk().endsWith("NP")) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < tokens.size() && tokens.get(end).chunk().equals("I-NP")) {
        end++;
      }
      int from = i;
      for (int j = i; j <= end; j++) {
        if (j < end && !tokens.get(j).isPossessive() && !splitsCoordination(tokens, from, j)) {
          continue;
        }
        Mention m = trimmed(tokens, from, j);
        if (m != null) {
          Mention owner = out.isEmpty() ? null : out.get(out.size() - 1);
          if (owner != null
              && from > 1
              && tokens.get(from - 1).isPossessive()
              && owner.last == from - 2) {
            m.partOf = owner;
            m.spanFirst = owner.spanFirst;
          }
          out.add(m);
        }
        from = j + 1;
      }
      i = end;
    }
    return out;
  }

  /** {@code "blonde hair and blue eyes"} is two mentions; {@code "black and white cat"} is one. */
  private static boolean splitsCoordination(List<Token> tokens, int from, int j) {
    Token t = tokens.get(j);
    return (t.tag().equals("CC") || t.text().equals(",")) && j > from && tokens.get(j - 1).isNoun();
  }

  /** Tokens {@code [from, to)} from the first word to the last noun, or null without a noun. */
  private static Mention trimmed(List<Token> tokens, int from, int to) {
    int first = from;
    while (first < to && !Character.isLetterOrDigit(tokens.get(first).text().charAt(0))) {
      first++;
    }
    for (int last = to - 1; last >= first; last--) {
      if (tokens.get(last).isNoun()) {
        return new Mention(first, last);
      }
    }
    return null;
  }

  private static String head(List<Token> tokens, Mention m) {
    return Lexicon.singular(tokens.get(m.last).word());
  }

  /** Rule 2. */
  private static void dropNonReferring(List<Token> tokens, List<Mention> mentions) {
    for (Mention m : mentions) {
      String head = head(tokens, m);
      boolean bareIdiom =
          m.first == m.last
              && Lexicon.POSITIONAL.contains(head)
              && m.first > 0
              && "IN".equals(tokens.get(m.first - 1).tag())
              && isWord(tokens, m.last + 1, "of");
      m.dropped = Lexicon.META.contains(head) || Lexicon.NON_REFERRING.contains(head) || bareIdiom;
    }
  }

  /** Rule 3: {@code collective of X} becomes one mention from the collective to X's head. */
  private static List<Mention> mergeCollectives(List<Token> tokens, List<Mention> mentions) {
    List<Mention> out = new ArrayList<>(mentions.size());
    for (int k = 0; k < mentions.size(); k++) {
      Mention m = mentions.get(k);
      Mention next = k + 1 < mentions.size() ? mentions.get(k + 1) : null;
      if (!m.dropped
          && m.partOf == null
          && next != null
          && !next.dropped
          && next.partOf == null
          && Lexicon.COLLECTIVE.contains(head(tokens, m))
          && isWord(tokens, m.last + 1, "of")
          && next.first == m.last + 2) {
        out.add(new Mention(m.first, next.last));
        k++;
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /** Rules 5 and 6. */
  private static void linkParts(List<Token> tokens, List<Mention> mentions) {
    Mention withOwner = null;
    for (int k = 1; k < mentions.size(); k++) {
      Mention previous = mentions.get(k - 1);
      Mention m = mentions.get(k);
      if (m.dropped || m.partOf != null) {
        withOwner = null;
        continue;
      }
      boolean adjacent = m.first == previous.last + 2;
      String between = adjacent ? tokens.get(previous.last + 1).word() : null;
      if ("of".equals(between) && !previous.dropped && previous.partOf == null) {
        previous.partOf = m;
        withOwner = null;
      } else if (between != null && WITH_WORDS.contains(between) && !previous.dropped) {
        withOwner = isPartNoun(tokens, m) ? previous : null;
        if (withOwner != null) {
          m.partOf = withOwner;
        }
      } else if (withOwner != null && onlyListWords(tokens, previous.last + 1, m.first)) {
        if (isPartNoun(tokens, m)) {
          m.partOf = withOwner;
        } else {
          withOwner = null;
        }
      } else {
        withOwner = null;
      }
    }
  }

  private static boolean isPartNoun(List<Token> tokens, Mention m) {
    return Lexicon.PART_NOUNS.contains(head(tokens, m));
  }

  private static boolean onlyListWords(List<Token> tokens, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!LIST_WORDS.contains(tokens.get(i).word())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWord(List<Token> tokens, int index, String word) {
    return index >= 0 && index < tokens.size() && tokens.get(index).word().equals(word);
  }

  /** Rule 7 and the output: kept mentions sorted by span, parents resolved to objects. */
  private static List<Phrase> phrases(String caption, List<Token> tokens, List<Mention> mentions) {
    List<Mention> kept = new ArrayList<>();
    for (Mention m : mentions) {
      if (!m.dropped) {
        kept.add(m);
      }
    }
    kept.sort(
        Comparator.<Mention>comparingInt(m -> tokens.get(m.spanFirst).start())
            .thenComparingInt(m -> tokens.get(m.last).end()));
    List<Phrase> out = new ArrayList<>(kept.size());
    for (Mention m : kept) {
      int start = tokens.get(m.spanFirst).start();
      int end = tokens.get(m.last).end();
      String text = caption.substring(start, end);
      Mention owner = root(m);
      int parent = owner == m ? -1 : kept.indexOf(owner);
      out.add(parent < 0 ? Phrase.object(text, start, end) : Phrase.part(text, start, end, parent));
    }
    return out;
  }

  /** The object at the end of {@code m}'s part-of chain ({@code m} itself for an object). */
  private static Mention root(Mention m) {
    Mention r = m;
    int guard = 0;
    while (r.partOf != null && !r.partOf.dropped && guard++ < 64) {
      r = r.partOf;
    }
    return r;
  }
}
