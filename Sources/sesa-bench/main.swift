import Foundation

// sesa-bench: SESA's benchmarks, for release builds (`swift run -c release sesa-bench …`).
// Each benchmark prints a table and a JSON line, with ratios against a named reference.

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: sesa-bench trace [--nodes N] [--links M] [--samples S] [--seed X]
           sesa-bench requirements [--requirements N] [--links M] [--modules K] [--samples S] [--seed X]
                                   [--postgres postgres://… (an empty database)]
           sesa-bench reqif [--objects N] [--runs R] [--file PATH] [--python PATH] [--keep PATH]
           sesa-bench reqif-read FILE [--runs R] [--repeats N] | --warnings
           sesa-bench reqif-import [--objects N] [--passes 1|2] [--postgres postgres://… (an empty database)]
           sesa-bench n2 [--elements N] [--interfaces M] [--samples S] [--seed X] [--postgres postgres://…]
           sesa-bench verification [--requirements N] [--cases C] [--tests T] [--samples S] [--postgres postgres://…]
      trace         build the trace graph of a generated project and time impact sets,
                    against a naive dictionary-of-arrays graph (reference)
      requirements  load a generated project into SQLite (default) or PostgreSQL and time graph build,
                    impact sets, coverage, suspect propagation and the document page, against the targets
      reqif         write a generated ReqIF file of N objects and read it and the largest shared file
                    ($SESA_TESTDATA), against the Python reqif library and xmllint --stream; --keep saves
                    the generated file
      reqif-read    read one ReqIF file R times in this process and print the median time and the peak
                    resident memory as JSON (what `reqif` runs for SESA's side, so memory is the reader's own)
      reqif-import  import a generated ReqIF file of N objects into a database (plan, dry run, apply), then
                    again unchanged (--passes 2, the default), and print the time and peak memory of each step
      n2            store a generated system of N elements and M interfaces and time the N² page at that
                    level (queries, matrix and HTML), against the 300 ms target
      verification  store N requirements and C cases with results and time the RVTM page against 300 ms,
                    then ingest a generated JUnit report of T tests twice against 2 s
    """

guard let command = arguments.first else {
    print(usage)
    exit(2)
}
switch command {
case "trace":
    do {
        let options = try TraceBenchmark.Options.parse(Array(arguments.dropFirst()))
        TraceBenchmark.run(options)
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "requirements":
    do {
        let options = try RequirementsBenchmark.Options.parse(Array(arguments.dropFirst()))
        try await RequirementsBenchmark.run(options)
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "verification":
    do {
        try await VerificationBenchmark.run(try VerificationBenchmark.Options.parse(Array(arguments.dropFirst())))
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "reqif":
    do {
        let options = try ReqIFBenchmark.Options.parse(Array(arguments.dropFirst()))
        try ReqIFBenchmark.run(options)
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "reqif-read":
    do {
        try ReqIFBenchmark.readOnly(Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "reqif-import":
    do {
        try await ReqIFImportBenchmark.run(try ReqIFImportBenchmark.Options.parse(Array(arguments.dropFirst())))
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "n2":
    do {
        let options = try N2Benchmark.Options.parse(Array(arguments.dropFirst()))
        try await N2Benchmark.run(options)
    } catch {
        FileHandle.standardError.write(Data("sesa-bench: \(error)\n\n\(usage)\n".utf8))
        exit(2)
    }
case "-h", "--help", "help":
    print(usage)
default:
    FileHandle.standardError.write(Data("sesa-bench: unknown benchmark '\(command)'\n\n\(usage)\n".utf8))
    exit(2)
}
