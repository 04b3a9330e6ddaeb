package dev.reddot.broker.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One behaviour and its verdict on every broker, in the order of the table's columns. */
record ConformanceRow(String behaviour, Map<String, Verdict> verdicts) {

    ConformanceRow {
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    Verdict on(String broker) {
        Verdict verdict = verdicts.get(broker);
        if (verdict == null) {
            throw new IllegalArgumentException("No verdict of " + broker + " for " + behaviour);
        }
        return verdict;
    }

    /** Turns each broker's results (all in the checks' order) into rows. */
    static List<ConformanceRow> of(List<Check> checks, Map<String, List<ConformanceRunner.Result>> resultsByBroker) {
        List<ConformanceRow> rows = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            for (Map.Entry<String, List<ConformanceRunner.Result>> broker : resultsByBroker.entrySet()) {
                verdicts.put(broker.getKey(), broker.getValue().get(i).verdict());
            }
            rows.add(new ConformanceRow(checks.get(i).behaviour(), verdicts));
        }
        return rows;
    }
}
