package org.synvae.eval.listening;

/**
 * Fleiss' kappa: agreement of a fixed number of raters who each put every subject into one of
 * several categories, corrected for the agreement their category frequencies would give by chance.
 */
public final class FleissKappa {
    private FleissKappa() {
    }

    /**
     * Kappa of a count table: {@code counts[i][j]} raters put subject i into category j; every
     * subject must have the same number (at least 2) of ratings.
     *
     * @return kappa; NaN when the chance agreement is 1 (every rating in one category)
     * @throws IllegalArgumentException for an empty table, unequal or too few ratings per subject
     */
    public static double of(int[][] counts) {
        if (counts.length == 0 || counts[0].length == 0) {
            throw new IllegalArgumentException("no subjects or no categories");
        }
        int subjects = counts.length;
        int categories = counts[0].length;
        int raters = 0;
        for (int c : counts[0]) {
            raters += c;
        }
        if (raters < 2) {
            throw new IllegalArgumentException("need at least 2 ratings per subject, found " + raters);
        }
        double[] p = new double[categories];
        double meanAgreement = 0;
        for (int i = 0; i < subjects; i++) {
            if (counts[i].length != categories) {
                throw new IllegalArgumentException("subject " + i + " has " + counts[i].length + " categories, not " + categories);
            }
            int sum = 0;
            double squares = 0;
            for (int j = 0; j < categories; j++) {
                sum += counts[i][j];
                squares += (double) counts[i][j] * counts[i][j];
                p[j] += counts[i][j];
            }
            if (sum != raters) {
                throw new IllegalArgumentException("subject " + i + " has " + sum + " ratings, subject 0 has " + raters);
            }
            meanAgreement += (squares - raters) / ((double) raters * (raters - 1));
        }
        meanAgreement /= subjects;
        double chance = 0;
        for (int j = 0; j < categories; j++) {
            double pj = p[j] / ((double) subjects * raters);
            chance += pj * pj;
        }
        return chance == 1.0 ? Double.NaN : (meanAgreement - chance) / (1 - chance);
    }
}
