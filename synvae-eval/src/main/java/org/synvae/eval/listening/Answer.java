package org.synvae.eval.listening;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One listener's answer to one task.
 *
 * @param listener the listener's ID
 * @param task     task index in the task set
 * @param choice   index into the task's options of the image chosen
 * @param chosenId item ID of the image chosen
 * @param correct  whether {@code choice} is the task's truth
 * @param time     when it was answered (ISO-8601, UTC)
 */
@JsonPropertyOrder({"listener", "task", "choice", "chosen_id", "correct", "time"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record Answer(@JsonProperty("listener") String listener, @JsonProperty("task") int task,
                     @JsonProperty("choice") int choice, @JsonProperty("chosen_id") int chosenId,
                     @JsonProperty("correct") boolean correct, @JsonProperty("time") String time) {
}
