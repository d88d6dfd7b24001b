using ScottPlot;
using Sweeps.Plots;

namespace Sweeps.Reports.Tests;

public sealed class StudyAnalysisTests
{
    [Fact]
    public void The_fit_recovers_an_exact_inverted_U_and_its_peak()
    {
        // PS = -0.01 t² + 1.2 t + 40 peaks at t = 60 with PS 76.
        double Ps(double t) => -0.01 * t * t + 1.2 * t + 40;
        var points = new[] { 20.0, 40, 55, 70, 80 }.Select(t => (t, Ps(t))).ToList();

        var fit = StudyAnalysis.FitInvertedU(points)!;

        Assert.Equal(-0.01, fit.A, 9);
        Assert.Equal(1.2, fit.B, 7);
        Assert.Equal(40, fit.C, 5);
        Assert.Equal(60, fit.PeakTop1!.Value, 6);
        Assert.Equal(76, fit.At(60), 6);
        Assert.Contains("R² 1.00", fit.Name);
    }

    [Fact]
    public void No_fit_without_three_distinct_accuracies_and_no_peak_outside_the_data()
    {
        Assert.Null(StudyAnalysis.FitInvertedU([(10, 60), (10, 61), (20, 62)]));
        // Rising throughout the data: the vertex (t = 60) lies beyond the largest top-1.
        var rising = StudyAnalysis.FitInvertedU(new[] { 10.0, 20, 30 }.Select(t => (t, -0.01 * t * t + 1.2 * t)).ToList())!;
        Assert.Null(rising.PeakTop1);
    }

    [Fact]
    public void The_Pareto_front_keeps_the_points_no_other_beats_on_both_scores()
    {
        var front = StudyAnalysis.ParetoFront([(30, 70), (40, 69), (35, 67), (45, 68), (50, 65), (52, 65), (41, 72)]);

        Assert.Equal([new Coordinates(41, 72), new Coordinates(45, 68), new Coordinates(52, 65)], front);
    }

    [Fact]
    public void Log_spacing_is_told_from_even_spacing()
    {
        Assert.True(HyperparameterPlot.IsLogSpaced([0.0625, 0.125, 0.25, 0.5, 1, 2]));
        Assert.True(HyperparameterPlot.IsLogSpaced([1e-5, 1e-4, 1e-3]));
        Assert.False(HyperparameterPlot.IsLogSpaced([0, 0.1, 0.2, 0.3]));
        Assert.False(HyperparameterPlot.IsLogSpaced([10, 20, 30, 40, 50, 60, 70, 80]));
        Assert.False(HyperparameterPlot.IsLogSpaced([0.5, 1, 2]));
    }
}
