#pragma once

#include <optional>
#include <vector>

// What /proc says about the server and the load generator: the figures a run reports beside
// its own measurements.
namespace tutti::loadgen {

// CPU time (user + system) of a process from /proc/PID/stat, in seconds.
std::optional<double> processCpuSeconds(int pid);
// VmRSS of a process from /proc/PID/status, in KiB.
std::optional<long> processRssKib(int pid);
// This process' CPU time (user + system), in seconds.
double selfCpuSeconds();
// The first three figures of /proc/loadavg.
std::vector<double> loadAverage();

}  // namespace tutti::loadgen
