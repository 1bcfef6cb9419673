// `exposure_app`: the native window. Loads the bundle with the core's bundle API, opens a GLFW
// window through the platform layer and draws the same ui the web widget draws. It loads each
// occupation's detail when the ui asks for it (AppState::wanted_details).
//
// [SECTION] Options
// [SECTION] Host
// [SECTION] main

#include "core/bundle.hpp"
#include "platform/platform.hpp"
#include "ui/app.hpp"

#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#ifndef EXPOSURE_DEFAULT_DATA_DIR
#define EXPOSURE_DEFAULT_DATA_DIR "data/bundle"
#endif
#ifndef EXPOSURE_SUBSET_FONT
#define EXPOSURE_SUBSET_FONT ""
#endif
#ifndef EXPOSURE_NATIVE_FONT
#define EXPOSURE_NATIVE_FONT ""
#endif

namespace exposure::app {

// =================================================================================================
// [SECTION] Options
// =================================================================================================

constexpr const char* k_usage = R"(usage: exposure_app [options]

Options:
  --data DIR            bundle folder (default: $EXPOSURE_DATA, else the one setup built)
  --occupation CODE     show this O*NET-SOC occupation first (e.g. 15-2051.00)
  --frames N            draw N frames, then exit 0 (tests)
  --screenshot FILE     write the last frame as a PNG (needs --frames; default 3 frames)
  --width PX            window width in logical px (default 1100)
  --height PX           window height in logical px (default 760)
  --theme light|dark    colour theme (default: auto)
  --font FILE           TTF/OTF font to draw with (default: the build's Inter subset)
  --help                this text

Exit status: 0 success, 1 bad data or a failure, 2 bad usage.
)";

// The command line, parsed.
struct Options {
    std::string data_dir;
    std::string occupation;
    int frames = 0;
    std::string screenshot;
    int width = 1100, height = 760;
    ui::Theme theme = ui::Theme::Auto;
    std::string font;
    bool help = false;
};

std::optional<int> parse_int(std::string_view text, int min, int max) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
    return value;
}

// Parses argv; on bad usage returns false with `error` naming the flag.
bool parse_options(int argc, char** argv, Options& options, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            options.help = true;
            continue;
        }
        if (i + 1 >= argc) {
            const bool known = flag == "--data" || flag == "--occupation" || flag == "--frames" ||
                               flag == "--screenshot" || flag == "--width" || flag == "--height" ||
                               flag == "--theme" || flag == "--font";
            error = !flag.starts_with("--") ? "unexpected argument '" + std::string(flag) + "'"
                    : known                 ? "option '" + std::string(flag) + "' needs a value"
                                            : "unknown option '" + std::string(flag) + "'";
            return false;
        }
        const std::string_view value = argv[++i];
        if (flag == "--data") {
            options.data_dir = value;
        } else if (flag == "--occupation") {
            options.occupation = value;
        } else if (flag == "--frames") {
            const auto n = parse_int(value, 1, 1000000);
            if (!n) return error = "--frames: '" + std::string(value) + "' is not a whole number 1..1000000", false;
            options.frames = *n;
        } else if (flag == "--screenshot") {
            options.screenshot = value;
        } else if (flag == "--width" || flag == "--height") {
            const auto n = parse_int(value, 200, 16384);
            if (!n) return error = std::string(flag) + ": '" + std::string(value) + "' is not a size 200..16384", false;
            (flag == "--width" ? options.width : options.height) = *n;
        } else if (flag == "--theme") {
            if (value == "light") options.theme = ui::Theme::Light;
            else if (value == "dark") options.theme = ui::Theme::Dark;
            else if (value == "auto") options.theme = ui::Theme::Auto;
            else return error = "--theme: '" + std::string(value) + "' is not light, dark or auto", false;
        } else if (flag == "--font") {
            options.font = value;
        } else {
            error = "unknown option '" + std::string(flag) + "'";
            return false;
        }
    }
    if (!options.screenshot.empty() && options.frames == 0) options.frames = 3;
    return true;
}

// =================================================================================================
// [SECTION] Host
// =================================================================================================

// The native host: owns the bundle's data and the ui's state; loads details on the ui's demand.
class NativeHost final : public platform::Host {
public:
    NativeHost(std::string data_dir, Index index, std::vector<uint8_t> font, ui::Theme theme,
               const platform::Platform& platform)
        : data_dir_(std::move(data_dir)), index_(std::move(index)), font_(std::move(font)),
          platform_(platform) {
        state_.index = &index_;
        state_.details = &details_;
        state_.theme = theme;
    }

    // Loads one occupation's detail into the shared map; false with `error` set when it cannot.
    bool load(std::string_view code, std::string& error) {
        if (details_.find(code) != details_.end()) return true;
        OccupationDetail detail;
        if (!load_detail(data_dir_, code, detail, error)) return false;
        details_.emplace(std::string(code), std::move(detail));
        return true;
    }

    ui::AppState& state() { return state_; }

    bool frame(const ui::FrameInput& input) override {
        state_.system_dark = platform_.system_dark();
        bool more = ui::draw_app(state_, input);
        // The ui asked for details it has not got: load them now and draw again with them.
        for (const std::string& code : state_.wanted_details) {
            std::string error;
            if (load(code, error)) more = true;
            else state_.error = error;
        }
        state_.wanted_details.clear();
        // A link is relative to the widget's web page; natively there is none, so name it instead.
        if (!state_.open_url.empty()) {
            std::fprintf(stderr, "exposure_app: link (see the web demo's pages): %s\n", state_.open_url.c_str());
            state_.open_url.clear();
        }
        // Natively nobody outside the window listens for these; mark them handled.
        state_.occupation_changed = false;
        state_.scenario_changed = false;
        return more;
    }

    void pixel_ratio_changed(float pixel_ratio) override {
        // Without a usable font file: ImGui's built-in font, said once when a file was given.
        if (!ui::load_fonts(font_, pixel_ratio)) {
            if (!font_.empty() && !font_refused_)
                std::fprintf(stderr, "exposure_app: the font is not a TrueType/OpenType font stb_truetype can read "
                                     "(%zu bytes); drawing with ImGui's built-in font\n", font_.size());
            font_refused_ = true;
            ui::load_builtin_font(pixel_ratio);
        }
        const bool dark = state_.theme == ui::Theme::Dark ||
                          (state_.theme == ui::Theme::Auto && platform_.system_dark());
        ui::apply_theme(dark, pixel_ratio);
    }

private:
    std::string data_dir_;
    Index index_;
    std::map<std::string, OccupationDetail, std::less<>> details_;
    std::vector<uint8_t> font_;
    bool font_refused_ = false;
    const platform::Platform& platform_;
    ui::AppState state_;
};

// The font file's bytes: --font if given (it must load), else the build's subset, else Debian's Inter.
bool read_font(const Options& options, std::vector<uint8_t>& bytes, std::string& error) {
    if (!options.font.empty()) return read_file_bytes(options.font, bytes, error);
    for (const char* path : {EXPOSURE_SUBSET_FONT, EXPOSURE_NATIVE_FONT}) {
        std::string ignored;
        if (*path && read_file_bytes(path, bytes, ignored)) return true;
    }
    bytes.clear(); // none found: the host falls back to ImGui's built-in font
    return true;
}

int run(int argc, char** argv) {
    Options options;
    std::string error;
    if (!parse_options(argc, argv, options, error)) {
        std::fprintf(stderr, "exposure_app: %s\n%s", error.c_str(), k_usage);
        return 2;
    }
    if (options.help) {
        std::fputs(k_usage, stdout);
        return 0;
    }
    if (options.data_dir.empty()) {
        const char* env = std::getenv("EXPOSURE_DATA");
        options.data_dir = env && *env ? env : EXPOSURE_DEFAULT_DATA_DIR;
    }

    Index index;
    if (!load_index(options.data_dir, index, error)) {
        std::fprintf(stderr, "exposure_app: cannot load the bundle in '%s': %s\n"
                             "(scripts/setup.sh builds it; --data DIR points elsewhere)\n",
                     options.data_dir.c_str(), error.c_str());
        return 1;
    }
    if (!options.occupation.empty()) {
        const bool known = std::any_of(index.occupations.begin(), index.occupations.end(),
                                       [&](const OccupationSummary& o) { return o.code == options.occupation; });
        if (!known) {
            std::fprintf(stderr, "exposure_app: unknown occupation '%s' (not in %s/%s)\n",
                         options.occupation.c_str(), options.data_dir.c_str(), k_index_file);
            return 1;
        }
    }
    std::vector<uint8_t> font;
    if (!read_font(options, font, error)) {
        std::fprintf(stderr, "exposure_app: --font: %s\n", error.c_str());
        return 1;
    }

    platform::Platform platform;
    NativeHost host(options.data_dir, std::move(index), std::move(font), options.theme, platform);
    if (!options.occupation.empty()) {
        if (!host.load(options.occupation, error)) {
            std::fprintf(stderr, "exposure_app: %s\n", error.c_str());
            return 1;
        }
        host.state().occupation = options.occupation;
    }

    platform::WindowSpec spec;
    spec.width = options.width;
    spec.height = options.height;
    if (!platform.open(spec)) {
        std::fprintf(stderr, "exposure_app: %s\n", platform.error().c_str());
        return 1;
    }
    platform::RunOptions run_options;
    run_options.max_frames = options.frames;
    run_options.capture_last_frame = !options.screenshot.empty();
    platform.run(host, run_options);

    if (!options.screenshot.empty()) {
        const platform::Image& image = platform.last_frame();
        if (image.rgba.empty()) {
            std::fprintf(stderr, "exposure_app: no frame was drawn, so no screenshot '%s'\n",
                         options.screenshot.c_str());
            return 1;
        }
        // Write beside the target and rename, so a failure never leaves a half-written PNG.
        const std::string part = options.screenshot + ".part";
        if (!stbi_write_png(part.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4) ||
            std::rename(part.c_str(), options.screenshot.c_str()) != 0) {
            std::remove(part.c_str());
            std::fprintf(stderr, "exposure_app: cannot write the screenshot '%s'\n", options.screenshot.c_str());
            return 1;
        }
    }
    platform.close();
    return 0;
}

} // namespace exposure::app

int main(int argc, char** argv) { return exposure::app::run(argc, argv); }
