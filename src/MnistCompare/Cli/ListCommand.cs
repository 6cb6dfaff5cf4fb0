using System.CommandLine;
using System.Globalization;
using CustomActivations;
using Spectre.Console;

namespace MnistCompare.Cli;

// `list`: what --activations accepts, from the registry.
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the activations the comparison knows, with their formulas, parameters and companions.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("Name", "Legend", "Formula", "Defaults", "Initialisation", "Dropout");
            foreach (var spec in ActivationRegistry.Specs)
            {
                var defaults = string.Join(", ", spec.Defaults.Select(d => $"{d.Key} = {d.Value.ToString(CultureInfo.InvariantCulture)}"));
                table.AddRow(Markup.Escape(spec.Usage), Markup.Escape(spec.DisplayName), Markup.Escape(spec.Formula), Markup.Escape(defaults),
                    spec.Init.ToString(), spec.Dropout.ToString());
            }
            AnsiConsole.Write(table);
            Console.Out.WriteLine(ActivationRegistry.Grammar);
            return 0;
        });
        return command;
    }
}
