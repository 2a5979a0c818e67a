package org.synvae.models.mine;

import java.util.Locale;

/**
 * The variational lower bounds on mutual information that MINE maximises, for a critic T(x, y):
 * <ul>
 * <li>{@link #NWJ}: the f-divergence (Nguyen-Wainwright-Jordan) bound the seed used,
 * {@code E_joint[T] - E_marginal[exp(T - 1)]};</li>
 * <li>{@link #DV}: the Donsker-Varadhan bound, {@code E_joint[T] - log E_marginal[exp(T)]}, never
 * below NWJ for the same critic (since {@code log u <= u / e}).</li>
 * </ul>
 * Both are in nats. {@link #value} evaluates a bound on scores in double precision, with the
 * log-mean-exp shifted by the maximum so large scores do not overflow.
 */
public enum MineBound {
    NWJ, DV;

    /** The bound for joint scores {@code T(x_i, y_i)} and marginal scores {@code T(x_i, y_pi(i))}. */
    public double value(double[] joint, double[] marginal) {
        if (joint.length == 0 || marginal.length == 0) {
            throw new IllegalArgumentException("need joint and marginal scores");
        }
        double meanJoint = 0;
        for (double t : joint) {
            meanJoint += t;
        }
        meanJoint /= joint.length;
        return switch (this) {
            case NWJ -> {
                double sum = 0;
                for (double t : marginal) {
                    sum += Math.exp(t - 1);
                }
                yield meanJoint - sum / marginal.length;
            }
            case DV -> meanJoint - logMeanExp(marginal);
        };
    }

    /** {@code log(mean(exp(t)))}, computed as {@code m + log(mean(exp(t - m)))} with {@code m = max(t)}. */
    public static double logMeanExp(double[] t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : t) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / t.length);
    }

    /** The bound named {@code nwj} or {@code dv} (case-insensitive). */
    public static MineBound fromName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown bound '" + name + "'; bounds: nwj, dv");
        }
    }

    /** Lower-case name, as the CLI takes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
