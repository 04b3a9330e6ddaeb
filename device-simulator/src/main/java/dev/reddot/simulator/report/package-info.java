/** Figures as people read them: latency percentiles and the small aligned table every command ends with. */
package dev.reddot.simulator.report;
