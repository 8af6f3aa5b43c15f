package org.lethe.engine.data.forget;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the forget-set grammar shared by the CLI and scenario files.
 *
 * <pre>
 *   spec  := term ('+' term)*
 *   term  := 'class:' ints | 'samples:' ints | 'indices:' PATH | 'random:' number
 *   ints  := int (',' int)*
 * </pre>
 *
 * <p>{@code random:} takes a fraction of the training split when its value contains a '.' or is
 * below 1 ({@code random:0.1}), and a sample count otherwise ({@code random:500}). Kinds are
 * case-insensitive; whitespace around terms, kinds and numbers is ignored. An {@code indices:} path
 * runs up to the next {@code +KIND:} (so a path may contain '+'). Mistakes raise
 * {@link ForgetSetException} naming the term and what was expected.
 */
public final class ForgetSetParser {

    private static final String EXAMPLES =
            "class:3, class:3,5, samples:12,45, indices:FILE, random:0.1 or random:500";
    private static final Pattern KIND = Pattern.compile("\\s*([^:+]*?)\\s*:");
    private static final Pattern DECIMAL =
            Pattern.compile("(?=\\.?[0-9])[0-9]*(\\.[0-9]*)?([eE][+-]?[0-9]+)?");
    private static final Pattern PATH_END = Pattern.compile("\\+(?=\\s*[A-Za-z]+\\s*:)");

    private ForgetSetParser() {
    }

    /**
     * Parses a spec.
     *
     * @param text e.g. {@code class:3+samples:12,45}
     * @return a single term's spec, or a {@link ForgetSetSpec.Union} for several terms
     * @throws ForgetSetException when the text does not follow the grammar
     */
    public static ForgetSetSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ForgetSetException("the forget-set spec is empty; expected e.g. " + EXAMPLES);
        }
        List<ForgetSetSpec> terms = new ArrayList<>();
        int pos = 0;
        while (true) {
            Matcher kindMatcher = KIND.matcher(text);
            kindMatcher.region(pos, text.length());
            int plus = text.indexOf('+', pos);
            String rest = text.substring(pos, plus < 0 ? text.length() : plus).strip();
            if (rest.isEmpty()) {
                throw new ForgetSetException("empty term " + where(terms, text)
                        + "; expected KIND:VALUE such as " + EXAMPLES);
            }
            if (!kindMatcher.lookingAt()) {
                throw new ForgetSetException("'" + rest + "' is not a term; expected KIND:VALUE such as "
                        + EXAMPLES);
            }
            String kind = kindMatcher.group(1).toLowerCase(Locale.ROOT);
            int valueStart = kindMatcher.end();
            int valueEnd;
            if (kind.equals("indices")) {
                Matcher end = PATH_END.matcher(text);
                end.region(valueStart, text.length());
                valueEnd = end.find() ? end.start() : text.length();
            } else {
                int next = text.indexOf('+', valueStart);
                valueEnd = next < 0 ? text.length() : next;
            }
            String value = text.substring(valueStart, valueEnd).strip();
            String term = text.substring(pos, valueEnd).strip();
            terms.add(parseTerm(kind, value, term));
            if (valueEnd == text.length()) {
                break;
            }
            pos = valueEnd + 1;
        }
        return terms.size() == 1 ? terms.get(0) : new ForgetSetSpec.Union(terms);
    }

    private static String where(List<ForgetSetSpec> termsSoFar, String text) {
        if (termsSoFar.isEmpty()) {
            return "at the start of '" + text.strip() + "'";
        }
        return "after '" + termsSoFar.get(termsSoFar.size() - 1).toText() + "+' in '" + text.strip() + "'";
    }

    private static ForgetSetSpec parseTerm(String kind, String value, String term) {
        try {
            switch (kind) {
                case "class":
                    return new ForgetSetSpec.Classes(parseInts(value, term, "class index", "class:3,5"));
                case "samples":
                    return new ForgetSetSpec.Samples(parseInts(value, term, "sample index", "samples:12,45"));
                case "indices":
                    return parseIndexFile(value, term);
                case "random":
                    return parseRandom(value, term);
                default:
                    throw new ForgetSetException("'" + term + "': unknown kind '" + kind
                            + "'; expected class, samples, indices or random");
            }
        } catch (ForgetSetException e) {
            if (e.getMessage().startsWith("'" + term + "'")) {
                throw e;
            }
            throw new ForgetSetException("'" + term + "': " + e.getMessage(), e);
        }
    }

    private static List<Integer> parseInts(String value, String term, String what, String example) {
        if (value.isEmpty()) {
            throw new ForgetSetException("'" + term + "': empty list; expected one or more " + plural(what)
                    + " separated by commas, e.g. " + example);
        }
        String[] parts = value.split(",", -1);
        List<Integer> numbers = new ArrayList<>(parts.length);
        for (String part : parts) {
            String number = part.strip();
            if (number.isEmpty()) {
                throw new ForgetSetException("'" + term + "': empty entry in the list; expected " + plural(what)
                        + " separated by single commas, e.g. " + example);
            }
            numbers.add(parseNonNegativeInt(number, term, what));
        }
        return numbers;
    }

    private static String plural(String what) {
        return what.replace("index", "indices");
    }

    private static int parseNonNegativeInt(String number, String term, String what) {
        if (number.startsWith("-")) {
            throw new ForgetSetException("'" + term + "': " + what + " " + number
                    + " is negative; indices start at 0");
        }
        if (!number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ForgetSetException("'" + term + "': '" + number + "' is not a whole number; expected a "
                    + what + " (0, 1, 2, ...)");
        }
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new ForgetSetException("'" + term + "': " + what + " " + number + " is too large (at most "
                    + Integer.MAX_VALUE + ")");
        }
    }

    private static ForgetSetSpec parseIndexFile(String value, String term) {
        if (value.isEmpty()) {
            throw new ForgetSetException("'" + term + "': missing file path; expected indices:PATH");
        }
        try {
            return new ForgetSetSpec.IndexFile(Path.of(value));
        } catch (InvalidPathException e) {
            throw new ForgetSetException("'" + term + "': '" + value + "' is not a valid path ("
                    + e.getReason() + ")", e);
        }
    }

    private static ForgetSetSpec parseRandom(String value, String term) {
        if (value.isEmpty()) {
            throw new ForgetSetException("'" + term + "': missing value; expected a fraction such as "
                    + "random:0.1 or a count such as random:500");
        }
        if (value.startsWith("-")) {
            throw new ForgetSetException("'" + term + "': " + value + " is negative; expected a fraction in "
                    + "(0, 1) such as random:0.1 or a positive count such as random:500");
        }
        boolean decimal = value.contains(".") || value.contains("e") || value.contains("E");
        if (!decimal && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long count;
            try {
                count = Long.parseLong(value);
            } catch (NumberFormatException e) {
                count = Long.MAX_VALUE;
            }
            if (count < 1) {
                throw new ForgetSetException("'" + term + "': fraction " + value + " is outside (0, 1); "
                        + "expected a fraction such as random:0.1 or a count such as random:500");
            }
            if (count > Integer.MAX_VALUE) {
                throw new ForgetSetException("'" + term + "': count " + value + " is too large (at most "
                        + Integer.MAX_VALUE + ")");
            }
            return new ForgetSetSpec.RandomCount((int) count);
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new ForgetSetException("'" + term + "': '" + value + "' is not a number; expected a "
                    + "fraction such as random:0.1 or a count such as random:500");
        }
        double fraction = Double.parseDouble(value);
        if (!value.contains(".") && fraction >= 1.0) {
            throw new ForgetSetException("'" + term + "': '" + value + "' is neither a fraction in (0, 1) "
                    + "nor a whole count; write a count as digits, e.g. random:500");
        }
        if (!(fraction > 0.0 && fraction < 1.0)) {
            throw new ForgetSetException("'" + term + "': fraction " + value + " is outside (0, 1); "
                    + "expected e.g. random:0.1 for 10% of the training split");
        }
        return new ForgetSetSpec.RandomFraction(fraction);
    }
}
