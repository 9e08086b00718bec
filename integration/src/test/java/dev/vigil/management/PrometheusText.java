package dev.vigil.management;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (A copy of the sidecar unit tests' parser: the integration module does not see sidecar test
 * classes.) A strict parser of Prometheus text format 0.0.4, enough to prove /metrics is valid:
 * every line is a HELP, a TYPE or a sample; a family is TYPEd once, before its samples; names and
 * labels follow the grammar; values are numbers. Fails with the offending line.
 */
public final class PrometheusText {
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  public final List<Sample> samples = new ArrayList<>();
  public final Map<String, String> types = new LinkedHashMap<>();

  public static PrometheusText parse(String text) {
    PrometheusText p = new PrometheusText();
    Set<String> helped = new HashSet<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        check(helped.add(m.group(1)), n, line, "duplicate HELP");
      } else if ((m = TYPE.matcher(line)).matches()) {
        check(!p.types.containsKey(m.group(1)), n, line, "duplicate TYPE");
        p.types.put(m.group(1), m.group(2));
      } else if (line.startsWith("#")) {
        continue; // other comments are allowed
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        check(familyOf(name, p.types) != null, n, line, "sample before its TYPE");
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null && !m.group(3).isEmpty()) {
          Matcher l = LABEL.matcher(m.group(3));
          int end = 0;
          while (l.find() && l.start() == end) {
            check(labels.put(l.group(1), l.group(2)) == null, n, line, "duplicate label");
            end = l.end();
          }
          check(end == m.group(3).length(), n, line, "bad labels");
        }
        p.samples.add(new Sample(name, labels, value(m.group(4), n, line)));
      } else {
        throw new AssertionError("line " + n + " is not Prometheus text: " + line);
      }
    }
    check(text.endsWith("\n"), n, "", "text must end with a newline");
    return p;
  }

  private static String familyOf(String sample, Map<String, String> types) {
    for (String suffix : new String[] {"", "_count", "_sum", "_bucket", "_total", "_created"}) {
      if (sample.endsWith(suffix)) {
        String family = sample.substring(0, sample.length() - suffix.length());
        if (types.containsKey(family)) {
          return family;
        }
      }
    }
    return null;
  }

  private static double value(String v, int n, String line) {
    switch (v) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + n + ": bad value in " + line);
        }
    }
  }

  private static void check(boolean ok, int n, String line, String what) {
    if (!ok) {
      throw new AssertionError("line " + n + ": " + what + ": " + line);
    }
  }

  /** The value of the one sample with this name and these labels (a subset match). */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
        found.add(s);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError(name + labels + " matched " + found);
    }
    return found.get(0).value();
  }

  public boolean has(String name, Map<String, String> labels) {
    return samples.stream()
        .anyMatch(
            s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
  }
}
