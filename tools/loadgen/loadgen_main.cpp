// tutti-loadgen: N simulated Jamulus clients against any Jamulus-compatible server.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "tools/loadgen/load_generator.h"

int main(int argc, char** argv) {
    using namespace tutti::loadgen;
    std::string error;
    bool help = false;
    const auto options =
        parseLoadOptions(std::vector<std::string>(argv + 1, argv + argc), error, help);
    if (!options) {
        if (help) {
            std::cout << loadUsage();
            return 0;
        }
        std::cerr << "tutti-loadgen: " << error << "\n" << loadUsage();
        return 1;
    }
    try {
        const LoadResult result = runLoad(*options, options->quiet ? nullptr : &std::cerr);
        if (!options->quiet) {
            std::cout << formatSummary(result);
        }
        if (options->json) {
            std::cout << formatJson(result) << std::endl;
        }
        return options->expectHeld && !result.held ? 2 : 0;
    } catch (const std::exception& e) {
        std::cerr << "tutti-loadgen: " << e.what() << "\n";
        return 1;
    }
}
