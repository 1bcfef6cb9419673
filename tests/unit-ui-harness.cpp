// Exposure Explorer tests: ui test data and the headless harness (no TEST_CASE here; see unit-ui-harness.hpp).
#include "unit-ui-harness.hpp"

#include <algorithm>
#include <cmath>

namespace exposure::test {

namespace {
Task task(int64_t id, std::string text, TaskType type, ExposureLabel human, ExposureLabel gpt4, ExposureLabel alt,
          AutomationLabel automation) {
    Task t;
    t.id = id;
    t.text = std::move(text);
    t.type = type;
    t.exposure = {human, gpt4, alt};
    t.automation = automation;
    return t;
}

// Index shares from the detail's labels, the way the bundle defines them (core 2, other 1).
OccupationSummary summarise(const OccupationDetail& d, std::string title, int group) {
    OccupationSummary s;
    s.code = d.code;
    s.title = std::move(title);
    s.major_group = group;
    s.task_count = static_cast<int>(d.tasks.size());
    double total = 0, automation = 0, automation_weight = 0;
    for (const Task& t : d.tasks) {
        const double w = t.type == TaskType::Core ? 2.0 : 1.0;
        total += w;
        for (int r = 0; r < k_rater_count; ++r) {
            if (t.exposure[r] == ExposureLabel::Unknown) continue;
            s.shares[r].known += w;
            if (t.exposure[r] == ExposureLabel::E1) s.shares[r].e1 += w;
            if (t.exposure[r] == ExposureLabel::E2) s.shares[r].e2 += w;
        }
        if (t.automation != AutomationLabel::Unknown) {
            automation += w * static_cast<int>(t.automation) / 4.0;
            automation_weight += w;
        }
    }
    for (auto& sh : s.shares) {
        sh.e1 /= total;
        sh.e2 /= total;
        sh.known /= total;
    }
    s.automation_mean = automation_weight > 0 ? automation / automation_weight : 0;
    return s;
}
} // namespace

UiTestData make_ui_test_data() {
    using E = ExposureLabel;
    using T = AutomationLabel;
    UiTestData data;
    data.index.version = 1;
    data.index.groups = {MajorGroup{"15-0000", "Computer and Mathematical Occupations", 5000000.0},
                         MajorGroup{"47-0000", "Construction and Extraction Occupations", 6000000.0}};

    OccupationDetail analyst;
    analyst.code = "15-2051.00";
    analyst.tasks = {
        task(101, "Write code to clean, transform and model large data sets for analysis and reporting.",
             TaskType::Core, E::E1, E::E1, E::E2, T::T3),
        task(102,
             "Present findings to managers and other stakeholders in meetings, explaining the meaning of "
             "statistical results, their uncertainty and their limits in plain language, and answer questions "
             "about how the analysis was designed and what the organisation could do next.",
             TaskType::Core, E::E0, E::E2, E::E1, T::T1),
        task(103, "Identify business problems that data could help solve.", TaskType::Supplemental, E::E0, E::E0,
             E::E0, T::T0),
        task(104, "Design and evaluate machine-learning experiments and pipelines.", TaskType::Core, E::E2, E::E1,
             E::E1, T::T2),
        task(105, "Review the work of junior analysts.", TaskType::Unspecified, E::E2, E::Unknown, E::E2, T::Unknown),
    };
    analyst.skills = {{"Reading Comprehension", 80}, {"Critical Thinking", 78}, {"Mathematics", 75},
                      {"Programming", 72}, {"Writing", 66}};
    Activity a1;
    a1.id = "4.A.2.a.4.I01";
    a1.title = "Analyze data to identify trends or relationships among variables.";
    a1.weight = 4.6;
    a1.share_user = 0.012;
    a1.share_ai = 0.018;
    a1.completion_ai = 0.81;
    a1.impact_scope_ai = 0.55;
    a1.applicability_ai = 0.42;
    Activity a2;
    a2.id = "4.A.4.a.2.I03";
    a2.title = "Present research or technical information.";
    a2.weight = 3.9;
    analyst.activities = {a1, a2};

    OccupationDetail roofer;
    roofer.code = "47-2181.00";
    roofer.tasks = {
        task(201, "Install, repair or replace roofs using shingles, slate, metal or other materials.", TaskType::Core,
             E::E0, E::E0, E::E0, T::T0),
        task(202, "Estimate the materials and labour a roofing job needs.", TaskType::Supplemental, E::E1, E::E2,
             E::E1, T::T2),
        task(203, "Inspect problem areas to decide how best to repair them.", TaskType::Core, E::E0, E::E0, E::E2,
             T::T0),
    };
    roofer.skills = {{"Coordination", 50}, {"Monitoring", 47}};

    OccupationDetail writer;
    writer.code = "27-3043.05";
    writer.tasks = {
        task(301, "Write fiction or non-fiction prose for publication.", TaskType::Core, E::E1, E::E1, E::E1, T::T3),
        task(302, "Revise written material to meet editors' requirements.", TaskType::Core, E::E1, E::E1, E::E2,
             T::T3),
    };

    data.index.occupations.push_back(summarise(analyst, "Data Scientists", 0));
    data.index.occupations.back().employment = 113300;
    data.index.occupations.back().median_wage = 100910;
    data.index.occupations.back().wage_flag = WageFlag::None;
    data.index.occupations.back().bls_source = BlsSource::Detailed;
    data.index.occupations.back().projected_change_pct = 31.4;
    data.index.occupations.back().ms_applicability = 0.39;
    data.index.occupations.back().ms_applicability_pct = 88;
    data.index.occupations.push_back(summarise(writer, "Poets, Lyricists and Creative Writers", 0));
    data.index.occupations.back().median_wage = 208000;
    data.index.occupations.back().wage_flag = WageFlag::TopCoded;
    data.index.occupations.push_back(summarise(roofer, "Roofers", 1));
    data.index.occupations.back().employment = 135000;
    data.index.occupations.back().median_wage = 47110;
    data.index.occupations.back().projected_change_pct = -2.0;
    // The index is sorted by code.
    std::sort(data.index.occupations.begin(), data.index.occupations.end(),
              [](const OccupationSummary& a, const OccupationSummary& b) { return a.code < b.code; });
    data.details.emplace(analyst.code, analyst);
    data.details.emplace(roofer.code, roofer);
    data.details.emplace(writer.code, writer);
    return data;
}

Headless::Headless(float width, float height) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    resize(width, height);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

Headless::~Headless() { ImGui::DestroyContext(context_); }

ImGuiIO& Headless::io() { return ImGui::GetIO(); }

void Headless::resize(float width, float height) {
    ImGui::GetIO().DisplaySize = ImVec2(width, height);
    input.width = width;
    input.height = height;
}

bool Headless::frame(ui::AppState& state, double time) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    if (!io.Fonts->IsBuilt()) {
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    input.time = time;
    ImGui::NewFrame();
    const bool more = ui::draw_app(state, input);
    ImGui::Render();
    return more;
}

} // namespace exposure::test
