using System.Collections;
using Microsoft.Build.Framework;

namespace Build.Tests;

/// <summary>Just enough of MSBuild to run a task and see what it logged.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<(MessageImportance Importance, string Text)> Messages { get; } = [];

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "Build.Tests.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? "");
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e.Message ?? "");
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add((e.Importance, e.Message ?? ""));
    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
