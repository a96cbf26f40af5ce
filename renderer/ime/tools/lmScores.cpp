// Reads scores out of fcitx5's libime language model (Debian libime-data-language-model, zh_CN.lm:
// a KenLM trigram model, LGPL-2.1-or-later) for lmScores.mjs. Offline only: neither npm ci nor the
// build compiles or runs it. Build against Debian's libimecore-dev and libfcitx5utils-dev (headers)
// and libimecore0 (the library), e.g. with the packages extracted under $X:
//   g++ -std=c++17 -O2 -I$X/usr/include/LibIME -I$X/usr/include/Fcitx5/Utils lmScores.cpp \
//     -L$X/usr/lib/x86_64-linux-gnu -lIMECore -lFcitx5Utils -o lm-scores
// Usage: lm-scores MODEL < lines. A line "A" prints "A<TAB>log10 P(A)" (no context; "-" if the model
// does not know A); a line "A B" prints "A B<TAB>log10 P(B | A)" ("-" if it knows either not).
// lm-scores MODEL --pairs LIFT < words: every pair A B of the words (one a line) whose
// log10 P(B | A) − log10 P(B) ≥ LIFT, as "A B<TAB>log10 P(B | A)<TAB>log10 P(B)".
#include <cstdlib>
#include <iostream>
#include <libime/core/languagemodel.h>
#include <string>
#include <vector>

namespace {
int pairs(const libime::LanguageModel &model, double lift) {
    std::vector<std::string> words;
    std::vector<float> alone;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (model.isUnknown(model.index(line), line)) continue;
        words.push_back(line);
        alone.push_back(model.singleWordScore(line));
    }
    std::cout.precision(3);
    std::cout << std::fixed;
    for (size_t a = 0; a < words.size(); a++) {
        for (size_t b = 0; b < words.size(); b++) {
            // log P(A) + log P(B | A), from no context; less log P(A). (lattice.h's WordNode, for a
            // state after A, needs Boost's headers: this costs a lookup more and needs none.)
            const float next = model.wordsScore(model.nullState(), {words[a], words[b]}) - alone[a];
            if (next - alone[b] >= lift) std::cout << words[a] << ' ' << words[b] << '\t' << next << '\t' << alone[b] << '\n';
        }
    }
    return 0;
}
} // namespace

int main(int argc, char **argv) {
    if (argc == 4 && std::string(argv[2]) == "--pairs") return pairs(libime::LanguageModel(argv[1]), std::atof(argv[3]));
    if (argc != 2) {
        std::cerr << "usage: lm-scores MODEL [--pairs LIFT] < words-or-pairs\n";
        return 2;
    }
    libime::LanguageModel model(argv[1]);
    const auto known = [&](std::string_view word) { return !model.isUnknown(model.index(word), word); };
    std::string line;
    std::cout.precision(4);
    std::cout << std::fixed;
    while (std::getline(std::cin, line)) {
        const auto space = line.find(' ');
        if (space == std::string::npos) {
            std::cout << line << '\t';
            if (known(line)) std::cout << model.singleWordScore(line) << '\n';
            else std::cout << "-\n";
            continue;
        }
        const std::string first = line.substr(0, space), second = line.substr(space + 1);
        std::cout << line << '\t';
        if (!known(first) || !known(second)) {
            std::cout << "-\n";
            continue;
        }
        const std::vector<std::string_view> pair{first, second};
        // log P(A) + log P(B | A), from no context; less log P(A).
        std::cout << model.wordsScore(model.nullState(), pair) - model.singleWordScore(line.substr(0, space)) << '\n';
    }
    return 0;
}
