package org.synvae.models.train;

/** A loss became NaN or infinite; training stops without applying the broken update. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
