package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FleissKappaTest {

    /*
     * Wikipedia's worked example ("Fleiss' kappa"): 10 subjects, 14 raters, 5 categories.
     * p_j = 0.143, 0.200, 0.279, 0.150, 0.229 -> P_e = 0.213; mean P_i = 0.378;
     * kappa = (0.378 - 0.213) / (1 - 0.213) = 0.210.
     */
    @Test
    void wikipediaExample() {
        int[][] counts = {
            {0, 0, 0, 0, 14},
            {0, 2, 6, 4, 2},
            {0, 0, 3, 5, 6},
            {0, 3, 9, 2, 0},
            {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0},
            {3, 2, 6, 3, 0},
            {2, 5, 3, 2, 2},
            {6, 5, 2, 1, 0},
            {0, 2, 2, 3, 7},
        };
        assertThat(FleissKappa.of(counts)).isCloseTo(0.210, within(0.0005));
    }

    /* Two raters who always agree on subjects spread over two categories: kappa 1. */
    @Test
    void perfectAgreementIsOne() {
        assertThat(FleissKappa.of(new int[][] {{2, 0}, {0, 2}, {2, 0}})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void unequalRatingsAreRefused() {
        assertThatThrownBy(() -> FleissKappa.of(new int[][] {{2, 0}, {1, 0}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject 1");
        assertThatThrownBy(() -> FleissKappa.of(new int[][] {{1, 0}})).hasMessageContaining("at least 2");
    }
}
