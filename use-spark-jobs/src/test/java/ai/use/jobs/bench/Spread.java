package ai.use.jobs.bench;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The median of repeated measurements with their range, as the benchmark tables print them.
 *
 * @param median the median (mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
record Spread(double median, double min, double max, int count) {

  static Spread of(List<Double> values) {
    Preconditions.checkArgument(!values.isEmpty(), "no measurements");
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Spread(median, v[0], v[n - 1], n);
  }

  static Spread of(double... values) {
    return of(Arrays.stream(values).boxed().toList());
  }

  /** {@code median (min–max)} with {@code digits} decimals; just the value for one run. */
  String format(int digits) {
    String f = "%." + digits + "f";
    if (count == 1) {
      return String.format(Locale.ROOT, f, median);
    }
    return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
  }
}
