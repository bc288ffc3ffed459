package ai.use.model.text;

import java.util.Map;
import java.util.Set;

/**
 * The small word lists the {@link ReferringRules} use, looked up by the singular lower-case head
 * noun. Every list is documented with examples in {@code docs/phrases.md}.
 */
final class Lexicon {
  private Lexicon() {}

  /** Nouns that name the picture itself, never a thing in it ({@code "a photo of ..."}). */
  static final Set<String> META =
      words("picture photo photograph image pic snapshot shot view scene closeup close-up");

  /** Nouns that name a place, a time or a manner, not a thing ({@code "on the left"}). */
  static final Set<String> NON_REFERRING =
      words(
          """
          left right middle center centre background foreground distance day night time way
          kind type sort something anything nothing everything direction daytime""");

  /**
   * Nouns that, followed by {@code "of" NP}, form one object with it: collections, quantities,
   * containers and areas ({@code "a group of people"}, {@code "a slice of pizza"}, {@code "a cup of
   * coffee"}, {@code "a field of grass"}).
   */
  static final Set<String> COLLECTIVE =
      words(
          """
          group pair couple bunch herd flock pack crowd team row line stack pile set number lot
          variety collection cluster bundle handful slice piece loaf cup glass bowl plate bottle
          box bag basket jar mug tray bucket carton pot vase field patch""");

  /** Nouns of the bare positional idioms {@code "on top of"}, {@code "in front of"}. */
  static final Set<String> POSITIONAL = words("top bottom front back side");

  /** Nouns that name a part of a thing: after {@code "with"} or {@code "has"} they are parts. */
  static final Set<String> PART_NOUNS =
      words(
          """
          top bottom side back base handle lid cap leg edge corner rim tip stripe spot border
          frame seat drawer cushion shade knob spout strap label lens blade trim
          head face eye ear nose mouth lip tooth hair beard mustache moustache neck shoulder arm
          hand finger foot knee tail wing beak feather fur mane horn antler paw hoof whisker claw
          trunk tusk leaf stem petal branch root
          roof door window wall chimney porch balcony steeple tower
          wheel tire tyre bumper headlight windshield hood pedal handlebar mirror screen keyboard
          button key sail mast hull deck propeller engine cockpit
          sleeve collar pocket hem crust topping icing frosting""");

  private static final Map<String, String> IRREGULAR =
      pairs(
          """
          feet=foot teeth=tooth leaves=leaf people=person men=man women=woman children=child
          mice=mouse geese=goose""");

  /** A crude singular of a lower-case noun, enough for the lists above. */
  static String singular(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() > 3 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 4
        && (word.endsWith("ches")
            || word.endsWith("shes")
            || word.endsWith("xes")
            || word.endsWith("sses"))) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  private static Set<String> words(String list) {
    return Set.of(list.strip().split("\\s+"));
  }

  private static Map<String, String> pairs(String list) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : words(list)) {
      String[] kv = pair.split("=");
      out.put(kv[0], kv[1]);
    }
    return Map.copyOf(out);
  }
}
