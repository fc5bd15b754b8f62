// .lof and .rpp text against the real 3.9.1 session of RECORDING.md section 10.
#include "src/recorder/project_files.h"

#include <gtest/gtest.h>

#include <regex>

namespace tutti::recorder {
namespace {

const std::string kDir = "/srv/jamulus/recordings/Jam-20261121-204920434/";

// In closing order: Bob's first file (closed when he left), his rejoin, then Alice at the end.
std::vector<RecordedItem> sessionItems() {
    return {
        {"Carol_Unicode_na-127_0_0_1_22784", "Bob_-127_0_0_1_22784-1-1.wav",
         kDir + "Bob_-127_0_0_1_22784-1-1.wav", 1, 3248, 1},
        {"Carol_Unicode_na-127_0_0_1_22784", "____-127_0_0_1_22784-5870-1.wav",
         kDir + "____-127_0_0_1_22784-5870-1.wav", 5870, 2882, 1},
        {"Alice_A_-127_0_0_1_22783", "Alice_A_-127_0_0_1_22783-0-1.wav",
         kDir + "Alice_A_-127_0_0_1_22783-0-1.wav", 0, 9502, 1},
    };
}

TEST(ProjectFiles, LofListsTracksInNameOrder) {
    EXPECT_EQ(lofText(sessionItems(), 128),
              "file \"Alice_A_-127_0_0_1_22783-0-1.wav\" offset 0.00000000000000\n"
              "file \"Bob_-127_0_0_1_22784-1-1.wav\" offset 0.00266666666667\n"
              "file \"____-127_0_0_1_22784-5870-1.wav\" offset 15.65333333333333\n");
}

TEST(ProjectFiles, RppMatchesJamulusText) {
    const std::vector<std::string> guids = {
        "{e8475587-b5d3-432f-94fa-6b0049a00090}", "{5ef31ee1-d9cc-4a38-9820-3889c404af79}",
        "{4a2496be-03d4-4fa4-ad11-cb1b8ec87a38}", "{ce30f5e0-6eb6-4e5f-99fb-b5724174210b}",
        "{3b5cc905-51a5-4b36-bd1c-61e9d2d4f3e9}", "{402053e7-4177-4936-95b2-bbd9af577a2f}",
        "{3913064c-4706-44c2-b9f2-e371d0b8eeb5}", "{c6ad0e11-2844-49ee-8098-286a016246d3}",
    };
    std::size_t next = 0;
    const std::string text = rppText(sessionItems(), 128, [&] { return guids.at(next++); });
    const std::string expected = R"(<REAPER_PROJECT 0.1 "5.0" 1551567848
  RECORD_PATH "" ""
  SAMPLERATE 48000 0 0
  TEMPO 120 4 4
  <TRACK {e8475587-b5d3-432f-94fa-6b0049a00090}
    NAME Alice_A_-127_0_0_1_22783
    TRACKID {e8475587-b5d3-432f-94fa-6b0049a00090}
    <ITEM 
      FADEIN 0 0 0 0 0 0
      FADEOUT 0 0 0 0 0 0
      POSITION 0.00000000000000
      LENGTH 25.33866666666666
      IGUID {5ef31ee1-d9cc-4a38-9820-3889c404af79}
      IID 0
      NAME Alice_A_-127_0_0_1_22783 (1)
      GUID {4a2496be-03d4-4fa4-ad11-cb1b8ec87a38}
      <SOURCE WAVE
        FILE "/srv/jamulus/recordings/Jam-20261121-204920434/Alice_A_-127_0_0_1_22783-0-1.wav"
      >
    >
  >
  <TRACK {ce30f5e0-6eb6-4e5f-99fb-b5724174210b}
    NAME Carol_Unicode_na-127_0_0_1_22784
    TRACKID {ce30f5e0-6eb6-4e5f-99fb-b5724174210b}
    <ITEM 
      FADEIN 0 0 0 0 0 0
      FADEOUT 0 0 0 0 0 0
      POSITION 0.00266666666667
      LENGTH 8.66133333333333
      IGUID {3b5cc905-51a5-4b36-bd1c-61e9d2d4f3e9}
      IID 1
      NAME Carol_Unicode_na-127_0_0_1_22784 (1)
      GUID {402053e7-4177-4936-95b2-bbd9af577a2f}
      <SOURCE WAVE
        FILE "/srv/jamulus/recordings/Jam-20261121-204920434/Bob_-127_0_0_1_22784-1-1.wav"
      >
    >
    <ITEM 
      FADEIN 0 0 0 0 0 0
      FADEOUT 0 0 0 0 0 0
      POSITION 15.65333333333333
      LENGTH 7.68533333333333
      IGUID {3913064c-4706-44c2-b9f2-e371d0b8eeb5}
      IID 2
      NAME Carol_Unicode_na-127_0_0_1_22784 (2)
      GUID {c6ad0e11-2844-49ee-8098-286a016246d3}
      <SOURCE WAVE
        FILE "/srv/jamulus/recordings/Jam-20261121-204920434/____-127_0_0_1_22784-5870-1.wav"
      >
    >
  >
>
)";
    EXPECT_EQ(text, expected);
    EXPECT_EQ(next, guids.size());
}

TEST(ProjectFiles, EmptySessionStillMakesValidFiles) {
    EXPECT_EQ(lofText({}, 128), "");
    EXPECT_EQ(rppText({}, 128, randomGuid),
              "<REAPER_PROJECT 0.1 \"5.0\" 1551567848\n  RECORD_PATH \"\" \"\"\n"
              "  SAMPLERATE 48000 0 0\n  TEMPO 120 4 4\n>\n");
}

TEST(ProjectFiles, RandomGuidsAreVersion4InBraces) {
    const std::regex shape(
        "\\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\}");
    const std::string a = randomGuid();
    EXPECT_TRUE(std::regex_match(a, shape)) << a;
    EXPECT_NE(a, randomGuid());
}

}  // namespace
}  // namespace tutti::recorder
