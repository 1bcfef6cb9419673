// Exposure Explorer web entry: the WebAssembly module behind <exposure-widget> and its C API.
// One module per page, compiled once; each widget on the page is a Widget (its own canvas, WebGL2
// context, ImGui context and AppState) over one shared Library (the index, the details loaded so
// far; the font is compiled in, k_font). web/exposure-widget.js is the only caller: it fetches the
// bundle's files,
// parses them with the browser's JSON.parse and hands them in already parsed (the index as columns,
// a detail as a tape: the wasm parses no JSON text), creates and destroys widgets, forwards
// attribute changes, and listens for what the ui reports after each frame (exposure_web_notify).
//
// Every exported function takes the pointer its create function returned: the module keeps no
// global state of its own.
//
// [SECTION] JavaScript notifications
// [SECTION] Library (shared data)
// [SECTION] Widget (one canvas)
// [SECTION] C API

#include "core/bundle.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"
#include "platform/platform.hpp"
#include "ui/app.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace exposure::web {

//-----------------------------------------------------------------------------
// [SECTION] JavaScript notifications
//-----------------------------------------------------------------------------

// What a Widget tells the page after a frame (web/exposure-widget.js mirrors these numbers).
enum class Notice : int {
    WantDetail = 1,    // text: an occupation code whose detail the ui needs
    Changed = 2,       // text: "occupation" or "scenario", changed by the user inside the canvas
    ContentHeight = 3, // value: logical px the content needs
    Error = 4,         // text: the message of the error card the ui shows
    DataDrawn = 5,     // text: the occupation whose complete data was just drawn
    OpenUrl = 6,       // text: a link the user activated (relative to the page)
    CannotDraw = 7,    // text: why the canvas cannot draw (Host::cannot_draw); nothing more is drawn
};

// Calls the page's Module.exposureNotify(widget, kind, text, value) if it set one.
EM_JS(void, exposure_web_notify, (const void* widget, int kind, const char* text, double value), {
    var notify = Module['exposureNotify'];
    if (notify) notify(widget, kind, UTF8ToString(text), value);
});

void notify(const void* widget, Notice kind, const std::string& text, double value = 0) {
    exposure_web_notify(widget, static_cast<int>(kind), text.c_str(), value);
}

//-----------------------------------------------------------------------------
// [SECTION] Library (shared data)
//-----------------------------------------------------------------------------

// The font file the widget draws with, compiled into the wasm by src/app/web.cmake
// (cmake/embed_file.cmake writes widget_font.cpp from the Inter subset at build time).
extern const std::uint8_t k_font[];
extern const std::size_t k_font_size;

// The data every widget on the page reads: one index, the details fetched so far, the font atlas.
struct Library {
    Index index;
    bool has_index = false;
    IndexColumns columns; // the index's columns while the page hands them over (index_begin .. index_end)
    std::map<std::string, OccupationDetail, std::less<>> details; // nodes never move: widgets keep pointers
    // The font atlas every widget draws with (WindowSpec::fonts): built once per page and pixel
    // ratio, by the first widget whose frame needs it, instead of once per widget.
    ImFontAtlas fonts;
    float fonts_ratio = 0; // the ratio `fonts` was built at; 0: not built
    std::string error; // the last failure, for exposure_library_error()
};

const OccupationSummary* find_summary(const Library& library, std::string_view code) {
    if (!library.has_index) return nullptr;
    for (const OccupationSummary& summary : library.index.occupations)
        if (summary.code == code) return &summary;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Widget (one canvas)
//-----------------------------------------------------------------------------

class Widget final : public platform::Host {
public:
    explicit Widget(Library& library) : library_(library) {
        state_.details = &library_.details;
        if (library_.has_index) state_.index = &library_.index;
    }

    bool open(const std::string& canvas, std::string& error) {
        platform::WindowSpec spec;
        spec.canvas = canvas;
        spec.fonts = &library_.fonts;
        if (!platform_.open(spec)) {
            error = platform_.error();
            return false;
        }
        platform_.run(*this); // on the web: returns at once, frames come on demand
        return true;
    }

    bool frame(const ui::FrameInput& input) override {
        ++frames_;
        if (library_.has_index) state_.index = &library_.index;
        bool more = ui::draw_app(state_, input);

        for (const std::string& code : state_.wanted_details) notify(this, Notice::WantDetail, code);
        state_.wanted_details.clear();
        if (state_.occupation_changed) notify(this, Notice::Changed, "occupation");
        if (state_.scenario_changed) notify(this, Notice::Changed, "scenario");
        state_.occupation_changed = state_.scenario_changed = false;
        if (!state_.open_url.empty()) {
            notify(this, Notice::OpenUrl, state_.open_url);
            state_.open_url.clear();
        }
        if (state_.content_height != reported_height_) {
            reported_height_ = state_.content_height;
            notify(this, Notice::ContentHeight, "", reported_height_);
        }
        if (state_.error != reported_error_) {
            reported_error_ = state_.error;
            if (!reported_error_.empty()) notify(this, Notice::Error, reported_error_);
        }
        if (!state_.occupation.empty() && state_.occupation != reported_drawn_ &&
            library_.details.find(state_.occupation) != library_.details.end()) {
            reported_drawn_ = state_.occupation;
            notify(this, Notice::DataDrawn, reported_drawn_);
            more = true; // the next frames settle the layout the data changed
        }
        return more;
    }

    void cannot_draw(const std::string& problem) override { notify(this, Notice::CannotDraw, problem); }

    void pixel_ratio_changed(float pixel_ratio) override {
        // A font load_fonts refuses (a build with a bad EXPOSURE_WEB_FONT, past the build's own
        // check) leaves the atlas empty, and the platform says the canvas cannot draw.
        if (library_.fonts_ratio != pixel_ratio) {
            ui::load_fonts({k_font, k_font_size}, pixel_ratio);
            library_.fonts_ratio = pixel_ratio;
        } else {
            ui::use_fonts(pixel_ratio); // another widget built it at this ratio
        }
        const bool dark = state_.theme == ui::Theme::Dark || (state_.theme == ui::Theme::Auto && state_.system_dark);
        ui::apply_theme(dark, pixel_ratio);
    }

    // The headline exposure under the current scenario: from the detail when it is loaded (task
    // overrides apply), else from the index; NaN for an unknown occupation.
    double score() const {
        const auto detail = library_.details.find(state_.occupation);
        if (detail != library_.details.end()) return score_occupation(detail->second, state_.scenario).exposure;
        if (const OccupationSummary* summary = find_summary(library_, state_.occupation))
            return summary_exposure(*summary, state_.scenario);
        return std::numeric_limits<double>::quiet_NaN();
    }

    // Scenario and scores as JSON text, for the page's JSON and CSV export. Bad UTF-8 is replaced,
    // never thrown (the web build has no exceptions).
    std::string report() const {
        nlohmann::json out;
        out["occupation"] = state_.occupation;
        const OccupationSummary* summary = find_summary(library_, state_.occupation);
        out["title"] = summary ? summary->title : std::string();
        out["scenario"] = encode_scenario(state_.scenario);
        out["exposure"] = score();
        const auto detail = library_.details.find(state_.occupation);
        if (detail == library_.details.end()) return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        const OccupationScores scores = score_occupation(detail->second, state_.scenario);
        nlohmann::json raters = nlohmann::json::object();
        for (int r = 0; r < k_rater_count; ++r) {
            const double value = scores.rater_exposure[r];
            raters[std::string(rater_name(static_cast<Rater>(r)))] = value < 0 ? nlohmann::json() : nlohmann::json(value);
        }
        out["rater_exposure"] = raters;
        out["exposure_low"] = scores.exposure_low;
        out["exposure_high"] = scores.exposure_high;
        out["automation"] = scores.automation;
        out["augmentation"] = scores.augmentation;
        out["risk"] = std::string(to_string(scores.risk));
        nlohmann::json tasks = nlohmann::json::array();
        for (const TaskScore& task : scores.tasks) {
            const Task& source = detail->second.tasks[task.task_index];
            tasks.push_back({{"id", source.id},
                             {"text", source.text},
                             {"weight", task.weight},
                             {"exposure", task.exposure},
                             {"automation", task.automation < 0 ? nlohmann::json() : nlohmann::json(task.automation)},
                             {"overridden", task.overridden}});
        }
        out["tasks"] = std::move(tasks);
        return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    // Draws one frame now, synchronously (the page reads the canvas in the same task). `css_width` x
    // `css_height`: the canvas's CSS size as the page observed it, or 0 to ask the browser.
    void draw_now(double css_width, double css_height) {
        platform::RunOptions options;
        options.max_frames = 1;
        options.css_width = css_width;
        options.css_height = css_height;
        platform_.run(*this, options);
    }

    ui::AppState& state() { return state_; }
    platform::Platform& platform() { return platform_; }
    uint32_t frames() const { return frames_; }
    std::string& text() { return text_; } // storage for strings handed to JavaScript

private:
    Library& library_;
    platform::Platform platform_;
    ui::AppState state_;
    uint32_t frames_ = 0;
    float reported_height_ = -1;
    std::string reported_error_, reported_drawn_, text_;
};

} // namespace exposure::web

//-----------------------------------------------------------------------------
// [SECTION] C API
//-----------------------------------------------------------------------------
// Strings in are UTF-8, NUL-terminated, owned by the caller. Strings out point into the library or
// widget and stay valid until the next call on it.

using exposure::web::Library;
using exposure::web::Widget;

extern "C" {

// Creates the shared data store; one per page.
EMSCRIPTEN_KEEPALIVE Library* exposure_library_create() { return new Library(); }

// The last failure's message (parse errors name the file and the field).
EMSCRIPTEN_KEEPALIVE const char* exposure_library_error(Library* library) { return library->error.c_str(); }

// The index arrives as the columns of the page's own JSON.parse of index.json (the page parses it
// once, for its poster too): index_begin, then one index_numbers / index_strings call per column,
// then index_end, which checks them all (index_from_columns) and keeps the index. Columns are named
// as in index.json ("code", "human", "groups.code": data/SCHEMA.md). The page checks only that each
// element is a number or null (null as NaN) or a string; every other check is the core's.
EMSCRIPTEN_KEEPALIVE void exposure_library_index_begin(Library* library) { library->columns = exposure::IndexColumns{}; }

// One number column: `count` doubles. 0 on success, 1 for a name that is no number column.
EMSCRIPTEN_KEEPALIVE int exposure_library_index_numbers(Library* library, const char* name, const double* values,
                                                        size_t count) {
    std::vector<double>* column = exposure::index_number_column(library->columns, name);
    if (!column) {
        library->error = std::string("index.json: ") + name + ": not a number column";
        return 1;
    }
    column->assign(values, values + count);
    return 0;
}

// One string column: `count` strings, the i-th `sizes[i]` bytes of `text`, one after another
// (UTF-8, not terminated). 0 on success, 1 for a name that is no string column or sizes that
// overrun `text_size`.
EMSCRIPTEN_KEEPALIVE int exposure_library_index_strings(Library* library, const char* name, const char* text,
                                                        size_t text_size, const uint32_t* sizes, size_t count) {
    std::vector<std::string>* column = exposure::index_string_column(library->columns, name);
    if (!column) {
        library->error = std::string("index.json: ") + name + ": not a string column";
        return 1;
    }
    column->clear();
    column->reserve(count);
    size_t at = 0;
    for (size_t i = 0; i < count; ++i) {
        if (sizes[i] > text_size - at) {
            library->error = std::string("index.json: ") + name + ": the string sizes overrun the text";
            return 1;
        }
        column->emplace_back(text + at, sizes[i]);
        at += sizes[i];
    }
    return 0;
}

// Checks the columns handed over and keeps the index; 0 on success, 1 on failure (see
// exposure_library_error). The columns are consumed either way.
EMSCRIPTEN_KEEPALIVE int exposure_library_index_end(Library* library) {
    exposure::Index index;
    const bool ok = exposure::index_from_columns(std::move(library->columns), index, library->error, "index.json");
    library->columns = exposure::IndexColumns{};
    if (!ok) return 1;
    library->index = std::move(index);
    library->has_index = true;
    return 0;
}

// Keeps one occupations/<code>.json, handed over as the tape of the page's own JSON.parse of it
// (parse_detail_tape in core/bundle.hpp: `ops` in prefix order, every string's UTF-8 in `text`), so
// the wasm parses no JSON text; 0 on success, 1 on failure. `source` names the file in error
// messages. A detail whose code is not `expected_code` is refused.
EMSCRIPTEN_KEEPALIVE int exposure_library_add_detail_tape(Library* library, const double* ops, size_t op_count,
                                                         const char* text, size_t text_size,
                                                         const char* expected_code, const char* source) {
    exposure::OccupationDetail detail;
    if (!exposure::parse_detail_tape(std::span<const double>(ops, op_count), std::string_view(text, text_size), detail,
                                     library->error, source))
        return 1;
    if (detail.code != expected_code) {
        library->error = std::string(source) + ": code: holds \"" + detail.code + "\", expected \"" + expected_code + "\"";
        return 1;
    }
    const std::string code = detail.code;
    library->details.insert_or_assign(code, std::move(detail));
    return 0;
}

// 1 when the index is loaded and holds `code`.
EMSCRIPTEN_KEEPALIVE int exposure_library_has_occupation(Library* library, const char* code) {
    return exposure::web::find_summary(*library, code) ? 1 : 0;
}

// 1 when the detail of `code` is loaded.
EMSCRIPTEN_KEEPALIVE int exposure_library_has_detail(Library* library, const char* code) {
    return library->details.find(std::string_view(code)) != library->details.end() ? 1 : 0;
}

// Creates a widget on the canvas named by `canvas_selector`; null when WebGL2 is not available
// (the reason is in exposure_library_error).
EMSCRIPTEN_KEEPALIVE Widget* exposure_widget_create(Library* library, const char* canvas_selector) {
    auto* widget = new Widget(*library);
    if (!widget->open(canvas_selector, library->error)) {
        delete widget;
        return nullptr;
    }
    return widget;
}

// Destroys the widget, its contexts and listeners.
EMSCRIPTEN_KEEPALIVE void exposure_widget_destroy(Widget* widget) { delete widget; }

// Shows `code`; 0 on success, 1 when the index does not hold it (nothing changes then).
EMSCRIPTEN_KEEPALIVE int exposure_widget_set_occupation(Widget* widget, Library* library, const char* code) {
    if (!exposure::web::find_summary(*library, code)) return 1;
    widget->state().occupation = code;
    widget->state().error.clear();
    widget->platform().request_frame();
    return 0;
}

// The occupation shown (the user may pick another inside the canvas).
EMSCRIPTEN_KEEPALIVE const char* exposure_widget_occupation(Widget* widget) {
    widget->text() = widget->state().occupation;
    return widget->text().c_str();
}

// Applies scenario text (untrusted: checked by the core's decoder); returns "" on success or the
// decoder's message, leaving the scenario unchanged.
EMSCRIPTEN_KEEPALIVE const char* exposure_widget_set_scenario(Widget* widget, const char* text) {
    exposure::ScenarioParse parsed = exposure::decode_scenario(text);
    if (parsed.ok()) {
        widget->state().scenario = std::move(parsed.scenario);
        widget->platform().request_frame();
    }
    widget->text() = parsed.error;
    return widget->text().c_str();
}

// The current scenario as text (encode_scenario).
EMSCRIPTEN_KEEPALIVE const char* exposure_widget_scenario(Widget* widget) {
    widget->text() = exposure::encode_scenario(widget->state().scenario);
    return widget->text().c_str();
}

// theme: 0 auto, 1 light, 2 dark (ui::Theme); system_dark: the page's prefers-color-scheme.
EMSCRIPTEN_KEEPALIVE void exposure_widget_set_theme(Widget* widget, int theme, int system_dark) {
    widget->state().theme = theme == 1 ? exposure::ui::Theme::Light
                            : theme == 2 ? exposure::ui::Theme::Dark
                                         : exposure::ui::Theme::Auto;
    widget->state().system_dark = system_dark != 0;
    widget->platform().request_frame();
}

// view: 0 card, 1 compact, 2 full (ui::View).
EMSCRIPTEN_KEEPALIVE void exposure_widget_set_view(Widget* widget, int view) {
    widget->state().view = view == 1 ? exposure::ui::View::Compact
                           : view == 2 ? exposure::ui::View::Full
                                       : exposure::ui::View::Card;
    widget->platform().request_frame();
}

// The headline exposure 0-100 under the current scenario; NaN when unknown.
EMSCRIPTEN_KEEPALIVE double exposure_widget_score(Widget* widget) { return widget->score(); }

// Logical px the content needed in the last frame (0 before the first).
EMSCRIPTEN_KEEPALIVE double exposure_widget_content_height(Widget* widget) { return widget->state().content_height; }

// The error card's message, "" when none is shown.
EMSCRIPTEN_KEEPALIVE const char* exposure_widget_error(Widget* widget) { return widget->state().error.c_str(); }

// Scenario and scores as JSON text (export).
EMSCRIPTEN_KEEPALIVE const char* exposure_widget_report(Widget* widget) {
    widget->text() = widget->report();
    return widget->text().c_str();
}

// Asks for a frame soon: new data arrived, the canvas was resized or its pixel ratio changed.
EMSCRIPTEN_KEEPALIVE void exposure_widget_request_frame(Widget* widget) { widget->platform().request_frame(); }

// Draws one frame synchronously, so the caller can read the canvas in the same task (PNG export).
// `css_width` x `css_height`: the canvas's CSS size as the page observed it; 0 x 0 asks the browser.
EMSCRIPTEN_KEEPALIVE void exposure_widget_draw_now(Widget* widget, double css_width, double css_height) {
    widget->draw_now(css_width, css_height);
}

// Frames drawn so far: the test hook that shows an idle page draws nothing.
EMSCRIPTEN_KEEPALIVE uint32_t exposure_widget_frames(Widget* widget) { return widget->frames(); }

} // extern "C"
