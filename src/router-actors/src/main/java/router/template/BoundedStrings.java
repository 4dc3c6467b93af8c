package router.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code String} methods whose time or memory is not linear in their inputs, run so that they
 * are bounded: growth is checked before anything is allocated, and searches (the JDK's are
 * O(n·m) at worst: minutes for two 1 MiB strings) and regular expressions run against the render
 * deadline.
 */
final class BoundedStrings {

  /** Returned when a method needs no special handling. */
  static final Object NOT_HANDLED = new Object();

  private static final char GROUP_REFERENCE = '$';

  private BoundedStrings() {}

  static Object invoke(String text, String method, Object[] args, RenderBudget budget) {
    return switch (method) {
      case "repeat" -> checkRepeat(text, args, budget);
      case "indexOf" -> args[0] instanceof CharSequence needle
          ? indexOf(text, needle.toString(), args.length > 1 ? intArg(args[1]) : 0, budget)
          : NOT_HANDLED;
      case "lastIndexOf" -> args[0] instanceof CharSequence needle
          ? lastIndexOf(text, needle.toString(),
              args.length > 1 ? intArg(args[1]) : Integer.MAX_VALUE, budget)
          : NOT_HANDLED;
      case "contains" -> indexOf(text, String.valueOf(args[0]), 0, budget) >= 0;
      case "replace" -> args[0] instanceof CharSequence target
          ? replace(text, Pattern.compile(target.toString(), Pattern.LITERAL),
              Matcher.quoteReplacement(String.valueOf(args[1])), 0, budget, true)
          : NOT_HANDLED;
      case "matches" -> pattern(args[0]).matcher(new DeadlineCharSequence(text, budget)).matches();
      case "replaceAll" -> replace(text, args, budget, true);
      case "replaceFirst" -> replace(text, args, budget, false);
      case "split" -> pattern(args[0])
          .split(new DeadlineCharSequence(text, budget), args.length > 1 ? intArg(args[1]) : 0);
      default -> NOT_HANDLED;
    };
  }

  private static Object checkRepeat(String text, Object[] args, RenderBudget budget) {
    long count = intArg(args[0]);
    if (count > 0) {
      budget.checkStringLength(text.length() * count);
    }
    return NOT_HANDLED;
  }

  private static int indexOf(String text, String needle, int from, RenderBudget budget) {
    if (needle.isEmpty()) {
      return Math.min(Math.max(from, 0), text.length());
    }
    int last = text.length() - needle.length();
    for (int at = Math.max(from, 0); at <= last; at++) {
      budget.tick(needle.length());
      if (text.startsWith(needle, at)) {
        return at;
      }
    }
    return -1;
  }

  private static int lastIndexOf(String text, String needle, int from, RenderBudget budget) {
    for (int at = Math.min(from, text.length() - needle.length()); at >= 0; at--) {
      budget.tick(needle.length());
      if (text.startsWith(needle, at)) {
        return at;
      }
    }
    return -1;
  }

  /**
   * {@code replaceAll}/{@code replaceFirst}, checking before each replacement that the result
   * cannot pass the string limit: a replacement expands to at most its own length plus, for each
   * group reference in it, the longest group of that match.
   */
  private static String replace(String text, Object[] args, RenderBudget budget, boolean all) {
    String replacement = String.valueOf(args[1]);
    long references = replacement.chars().filter(c -> c == GROUP_REFERENCE).count();
    return replace(text, pattern(args[0]), replacement, references, budget, all);
  }

  private static String replace(String text, Pattern pattern, String replacement,
      long references, RenderBudget budget, boolean all) {
    Matcher matcher = pattern.matcher(new DeadlineCharSequence(text, budget));
    if (!matcher.find()) {
      return text;
    }
    StringBuilder result = new StringBuilder();
    int previousEnd = 0;
    do {
      long worst = result.length() + (long) (matcher.start() - previousEnd)
          + replacement.length() + references * longestGroup(matcher);
      budget.checkStringLength(worst);
      previousEnd = matcher.end();
      try {
        matcher.appendReplacement(result, replacement);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new TemplateRenderException("Invalid replacement '" + replacement + "': "
            + e.getMessage(), e);
      }
    } while (all && matcher.find());
    budget.checkStringLength((long) result.length() + text.length() - previousEnd);
    return matcher.appendTail(result).toString();
  }

  private static int longestGroup(Matcher matcher) {
    int longest = 0;
    for (int group = 0; group <= matcher.groupCount(); group++) {
      if (matcher.start(group) >= 0) {
        longest = Math.max(longest, matcher.end(group) - matcher.start(group));
      }
    }
    return longest;
  }

  private static Pattern pattern(Object regex) {
    try {
      return Pattern.compile(String.valueOf(regex));
    } catch (PatternSyntaxException e) {
      throw new TemplateRenderException("Invalid regular expression: " + e.getMessage(), e);
    }
  }

  private static int intArg(Object arg) {
    if (arg instanceof Number number) {
      return number.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(arg).trim());
    } catch (NumberFormatException e) {
      throw new TemplateRenderException("Expected a number but got '" + arg + "'", e);
    }
  }
}
