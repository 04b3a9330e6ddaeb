/** {@code run}: a fleet of simulated sensors publishing telemetry (and alerts) over MQTT, with progress and a summary. */
package dev.reddot.simulator.run;
