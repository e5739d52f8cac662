package dev.aso.e2e.bench;

/**
 * kube-apiserver's own count of the LIST requests it answered and of their response bytes (apiserver_request_total
 * and apiserver_response_sizes_sum for verb LIST): what tells a start that lists whole kinds from one that streams
 * them in a watch (STREAMING_LISTS), and what each costs the API server.
 */
record ApiServerLists(double requests, double responseBytes) {

  static ApiServerLists parse(String metrics) {
    double requests = 0;
    double bytes = 0;
    for (String line : (Iterable<String>) metrics.lines()::iterator) {
      if (!line.contains("verb=\"LIST\"")) {
        continue;
      }
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (line.startsWith("apiserver_request_total{")) {
        requests += value;
      } else if (line.startsWith("apiserver_response_sizes_sum{")) {
        bytes += value;
      }
    }
    return new ApiServerLists(requests, bytes);
  }

  ApiServerLists since(ApiServerLists before) {
    return new ApiServerLists(requests - before.requests, responseBytes - before.responseBytes);
  }
}
