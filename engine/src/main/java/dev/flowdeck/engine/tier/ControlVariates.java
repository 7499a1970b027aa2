package dev.flowdeck.engine.tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The control-variate estimator of a mean from batch means (Lavenberg &amp; Welch, "A perspective on the use of control
 * variables to increase the efficiency of Monte Carlo simulations", Management Science 27 (1981); Law &amp; Kelton,
 * "Simulation Modeling and Analysis", the chapter on variance reduction). Given batch means Y_b of the output and
 * X_b of k controls whose expectations μ are known exactly, it fits Y_b = θ + βᵀ(X_b − μ) + e by least squares:
 *
 * <pre>
 *   β = Sxx⁻¹ Sxy,  θ = Ȳ − βᵀ(X̄ − μ),
 *   Var θ = s² (1/n + (X̄ − μ)ᵀ Sxx⁻¹ (X̄ − μ)),  s² = Σ residual² / (n − k − 1),  half-width t(n − k − 1) · √Var θ
 * </pre>
 *
 * The variance term carries the cost of estimating β from the same batches (Lavenberg, Moeller &amp; Welch, Operations
 * Research 30 (1982)). With k = 0 this is the plain batch-means interval of Ȳ. A control with no spread, or one that
 * the others already explain (a singular fit), is dropped rather than divided by.
 *
 * <p>Hand-written: a k ≤ 3 least-squares fit and a short t table do not justify a numerics library.
 */
final class ControlVariates {
    /** Student's t, 0.975 quantile, for 1..30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
            2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
            2.048, 2.045, 2.042};
    /** A control whose residual variance, given the others, is below this share of its own is redundant. */
    private static final double SINGULAR = 1e-9;

    private ControlVariates() {
    }

    /**
     * @param mean     the estimate θ
     * @param ci95     the 95 % half-width (NaN with fewer than two degrees of freedom)
     * @param used     indices of the controls kept in the fit, in the order given
     * @param beta     their coefficients
     */
    record Estimate(double mean, double ci95, int[] used, double[] beta) {
    }

    /**
     * @param y  batch means of the output
     * @param x  x[j][b]: batch means of control j
     * @param mu mu[j]: the exact expectation of control j
     */
    static Estimate estimate(double[] y, double[][] x, double[] mu) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (spread(x[j]) > 0) {
                keep.add(j);
            }
        }
        while (true) {
            int[] used = keep.stream().mapToInt(Integer::intValue).toArray();
            int[] dependent = {-1};
            Estimate e = fit(y, x, mu, used, dependent);
            if (e != null) {
                return e;
            }
            keep.remove(dependent[0]); // singular: this control says nothing the ones before it do not
        }
    }

    /** The plain batch-means mean and half-width (no controls). */
    static Estimate plain(double[] y) {
        return estimate(y, new double[0][], new double[0]);
    }

    /** The fit with the given controls, or null if they are collinear (then {@code dependent[0]} names the culprit). */
    private static Estimate fit(double[] y, double[][] x, double[] mu, int[] used, int[] dependent) {
        int n = y.length;
        int k = used.length;
        double yBar = mean(y);
        double[] xBar = new double[k];
        double[][] dx = new double[k][n];
        for (int a = 0; a < k; a++) {
            xBar[a] = mean(x[used[a]]);
            for (int b = 0; b < n; b++) {
                dx[a][b] = x[used[a]][b] - xBar[a];
            }
        }
        double[][] sxx = new double[k][k];
        double[] sxy = new double[k];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                sxx[a][c] = dot(dx[a], dx[c]);
            }
            for (int b = 0; b < n; b++) {
                sxy[a] += dx[a][b] * (y[b] - yBar);
            }
        }
        double[][] chol = cholesky(sxx, dependent);
        if (chol == null) {
            return null;
        }
        double[] beta = solve(chol, sxy);
        double[] offset = new double[k]; // X̄ − μ
        double mean = yBar;
        for (int a = 0; a < k; a++) {
            offset[a] = xBar[a] - mu[used[a]];
            mean -= beta[a] * offset[a];
        }
        double rss = 0;
        for (int b = 0; b < n; b++) {
            double r = y[b] - yBar;
            for (int a = 0; a < k; a++) {
                r -= beta[a] * dx[a][b];
            }
            rss += r * r;
        }
        int df = n - k - 1;
        if (df < 1) {
            return new Estimate(mean, Double.NaN, used, beta);
        }
        double s2 = rss / df;
        double[] w = solve(chol, offset);
        double variance = s2 * (1.0 / n + dot(offset, w));
        return new Estimate(mean, t975(df) * Math.sqrt(variance), used, beta);
    }

    static double t975(int df) {
        return df <= T_975.length ? T_975[df - 1] : 1.96 + 2.4 / df; // beyond 30: close enough to the true quantile
    }

    /**
     * Lower-triangular L with L·Lᵀ = a, or null when pivot i shows control i (nearly) explained by the ones before it;
     * then {@code dependent[0]} = i.
     */
    private static double[][] cholesky(double[][] a, int[] dependent) {
        int k = a.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (!(s > SINGULAR * a[i][i])) {
                        dependent[0] = i;
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves L·Lᵀ·z = v. */
    private static double[] solve(double[][] l, double[] v) {
        int k = v.length;
        double[] u = Arrays.copyOf(v, k);
        for (int i = 0; i < k; i++) {
            for (int m = 0; m < i; m++) {
                u[i] -= l[i][m] * u[m];
            }
            u[i] /= l[i][i];
        }
        for (int i = k - 1; i >= 0; i--) {
            for (int m = i + 1; m < k; m++) {
                u[i] -= l[m][i] * u[m];
            }
            u[i] /= l[i][i];
        }
        return u;
    }

    /** Sum of squared deviations, zero when the values do not vary beyond rounding. */
    private static double spread(double[] v) {
        double m = mean(v);
        double s = 0;
        double scale = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
            scale += d * d;
        }
        return s > 1e-20 * scale ? s : 0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
