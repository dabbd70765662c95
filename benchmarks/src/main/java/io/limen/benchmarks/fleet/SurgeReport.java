package io.limen.benchmarks.fleet;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes a run's per-second CSV, its two charts (PNG, XChart) and its summary. */
final class SurgeReport {

    static final String CSV_HEADER = "design,t_s,broker_down,connection_attempts,connections,consumer_messages,consumer_bytes,"
            + "broker_messages_sys,broker_bytes_sys,scans_decided,scans_delivered,duplicates_dropped,outbox_depth,throttle_fleet_limit_per_s";

    private SurgeReport() {
    }

    static void csv(List<FleetRun.Result> results, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(CSV_HEADER + "\n");
            for (FleetRun.Result r : results) {
                for (FleetMeter.Second s : r.seconds()) {
                    w.write(String.join(",", r.design().label(), Long.toString(s.t()), s.brokerDown() ? "1" : "0",
                            Long.toString(s.attempts()), Long.toString(s.connections()), Long.toString(s.consumerMessages()),
                            Long.toString(s.consumerBytes()), Long.toString(s.brokerMessages()), Long.toString(s.brokerBytes()),
                            Long.toString(s.decided()), Long.toString(s.delivered()), Long.toString(s.duplicatesDropped()),
                            Long.toString(s.outboxDepth()), String.format(Locale.ROOT, "%.2f", fleetLimitAt(r.scenario(), s.t())))
                            + "\n");
                }
            }
        }
    }

    /** The fleet's message limit under the scenario's throttle at second {@code t} (the last one published by then); 0 without one. */
    static double fleetLimitAt(Scenario s, long t) {
        double limit = 0;
        for (Scenario.ThrottleEvent e : s.throttles()) {
            if (t > e.at()) {
                limit = e.fleetLimitPerSecond(s.terminals());
            }
        }
        return limit;
    }

    /** One chart: a series per design, and the outage as a shaded band; with {@code throttleLine}, the throttle's fleet limit. */
    static void chart(List<FleetRun.Result> results, String title, String yTitle, ToLongFunction<FleetMeter.Second> metric, Path png)
            throws IOException {
        chart(results, title, yTitle, metric, png, false);
    }

    static void chart(List<FleetRun.Result> results, String title, String yTitle, ToLongFunction<FleetMeter.Second> metric, Path png,
                      boolean throttleLine) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(500).title(title).xAxisTitle("seconds since the start")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        double max = 1;
        for (FleetRun.Result r : results) {
            List<FleetMeter.Second> s = r.seconds();
            double[] x = s.stream().mapToDouble(FleetMeter.Second::t).toArray();
            double[] y = s.stream().mapToDouble(metric::applyAsLong).toArray();
            for (double v : y) {
                max = Math.max(max, v);
            }
            XYSeries series = chart.addSeries(r.design().label(), x, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        List<FleetMeter.Second> first = results.getFirst().seconds();
        double[] x = first.stream().mapToDouble(FleetMeter.Second::t).toArray();
        final double top = max;
        double[] band = first.stream().mapToDouble(s -> s.brokerDown() ? top : 0).toArray();
        Scenario scenario = results.getFirst().scenario();
        if (throttleLine && !scenario.throttles().isEmpty()) {
            List<FleetMeter.Second> under = first.stream().filter(s -> fleetLimitAt(scenario, s.t()) > 0).toList();
            double[] lx = under.stream().mapToDouble(FleetMeter.Second::t).toArray();
            double[] ly = under.stream().mapToDouble(s -> fleetLimitAt(scenario, s.t())).toArray();
            XYSeries line = chart.addSeries("throttle: the fleet's limit", lx, ly);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(java.awt.Color.RED);
            line.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        XYSeries outage = chart.addSeries("broker stopped", x, band);
        outage.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        outage.setMarker(SeriesMarkers.NONE);
        outage.setFillColor(new java.awt.Color(200, 200, 200, 90));
        outage.setLineColor(new java.awt.Color(160, 160, 160));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static String summary(List<FleetRun.Result> results) {
        StringBuilder b = new StringBuilder();
        FleetRun.Result any = results.getFirst();
        Scenario s = any.scenario();
        double window = s.backoffMaxMs() / 1000.0;
        double bound = 1.5 * s.terminals() / window;
        b.append(String.format(Locale.ROOT, "fleet %d terminals, %.2f scans/s each, peaks %s, outages %s, batches of %d or %d s, backoff %d ms..%d ms%n",
                s.terminals(), s.scansPerSecond(), s.peaks(), s.outages(), s.batchMaxRecords(), s.batchMaxAgeSeconds(),
                s.backoffInitialMs(), s.backoffMaxMs()));
        b.append(String.format(Locale.ROOT, "goal: post-outage peak attempts/s <= 1.5 x fleet / jitter window = 1.5 x %d / %.0f s = %.1f%n",
                s.terminals(), window, bound));
        b.append(String.format(Locale.ROOT, "%-13s %8s %8s %6s %6s %8s %8s %9s %10s %10s %9s %8s %8s%n", "design", "decided", "delivered",
                "lost", "dups", "dropped", "unsent", "msgs/1k", "peak-att/s", "reconnect", "brk-msgs", "threads", "start-ms"));
        for (FleetRun.Result r : results) {
            b.append(String.format(Locale.ROOT, "%-13s %8d %8d %6d %6d %8d %8d %9.1f %10d %9ds %9d %8d %8d%n", r.design().label(), r.decided(),
                    r.delivered(), r.lost(), r.duplicatesAfterDedup(), r.duplicatesDropped(), r.unsentAtEnd(), r.messagesPerThousandScans(),
                    r.postOutagePeakAttempts(), r.reconnectSeconds(), r.brokerMessages(), r.threads(), r.startupMillis()));
        }
        for (FleetRun.Result r : results) {
            if (r.throttle() != null) {
                b.append(String.format(Locale.ROOT, "%-13s %s%n", r.design().label(), r.throttle().describe()));
            }
        }
        return b.toString();
    }
}
