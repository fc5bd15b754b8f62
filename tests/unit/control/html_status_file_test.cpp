#include "src/control/html_status_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "fake_server.h"
#include "src/control/command_layer.h"
#include "temp_dir.h"

namespace tutti::control {
namespace {

using test::readFile;

TEST(HtmlStatusFile, RendersTheJamulusFragments) {
    EXPECT_EQ(HtmlStatusFile::render({}), "  No client connected\n");
    EXPECT_EQ(HtmlStatusFile::render({"Alice \xC3\x84.",
                                      "Carol/\xC3\x9Cn\xC3\xAF"
                                      "code na"}),
              "<ul>\n  <li>Alice \xC3\x84.</li>\n  <li>Carol/\xC3\x9Cn\xC3\xAF"
              "code na</li>\n</ul>\n");
    EXPECT_EQ(HtmlStatusFile::render({""}), "<ul>\n  <li></li>\n</ul>\n");
    EXPECT_EQ(HtmlStatusFile::render({"<b>&\"x\"'</b>"}),
              "<ul>\n  <li>&lt;b&gt;&amp;&quot;x&quot;'&lt;/b&gt;</li>\n</ul>\n");
    EXPECT_EQ(HtmlStatusFile::terminated(), "  Server terminated\n");
}

struct HtmlStatusFileTest : testing::Test {
    test::TempDir dir;
    test::FakeServer fake;
    CommandLayer layer{fake.ports(), DirectoryType::None, ""};
    std::vector<std::string> reports;
    std::string path = dir.file("status.html");
    HtmlStatusFile file{path, layer, [this](const std::string& r) { reports.push_back(r); }};
};

TEST_F(HtmlStatusFileTest, FollowsJoinsProfilesAndLeavesThroughTheCommandLayer) {
    layer.subscribe(&file);
    file.update();
    EXPECT_EQ(readFile(path), "  No client connected\n");

    fake.connected = {test::client(0, "")};
    layer.events().clientConnected(0, "127.0.0.1", 1);
    EXPECT_EQ(readFile(path), "<ul>\n  <li></li>\n</ul>\n");
    fake.connected[0].name = "Alice";
    layer.events().clientProfileChanged(0);
    fake.connected.push_back(test::client(2, "Bob"));
    layer.events().clientConnected(2, "127.0.0.1", 2);
    EXPECT_EQ(readFile(path), "<ul>\n  <li>Alice</li>\n  <li>Bob</li>\n</ul>\n");
    // Chat does not touch the file.
    test::writeFile(path, "untouched");
    layer.events().chatMessage(0, "hi");
    EXPECT_EQ(readFile(path), "untouched");

    fake.connected.erase(fake.connected.begin());
    layer.events().clientDisconnected(0);
    EXPECT_EQ(readFile(path), "<ul>\n  <li>Bob</li>\n</ul>\n");
    fake.connected.clear();
    layer.events().clientDisconnected(2);
    EXPECT_EQ(readFile(path), "  No client connected\n");
    file.serverStopping();
    EXPECT_EQ(readFile(path), "  Server terminated\n");
    EXPECT_TRUE(reports.empty());
    layer.unsubscribe(&file);
}

TEST_F(HtmlStatusFileTest, AnUnwritablePathIsReportedOnce) {
    const std::string blocker = dir.file("plain");
    test::writeFile(blocker, "x");
    HtmlStatusFile bad(blocker + "/status.html", layer,
                       [this](const std::string& r) { reports.push_back(r); });
    bad.update();
    bad.clientConnected(0, "127.0.0.1", 1);
    bad.clientProfileChanged(0);
    bad.serverStopping();
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find("HTML status file"), std::string::npos) << reports[0];
}

}  // namespace
}  // namespace tutti::control
