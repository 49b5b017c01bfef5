using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GenScheduler;

/// <summary>
/// Runs a job table. A firing loop on its own thread waits for the earliest due job (a <see cref="TimerQueue"/> keeps
/// it at hand); when jobs are due it hands their runs to an executor and computes their next fire times, in O(log n) each
/// at most, and in O(1) when a job's next fire comes after every other's.
/// </summary>
/// <remarks>
/// <para>Three ways to run it, after APScheduler's schedulers: <see cref="RunAsync"/> blocks until stopped
/// (BlockingScheduler); <see cref="Start"/> then <see cref="ShutdownAsync"/> leaves the caller's thread free
/// (BackgroundScheduler); and either works inside an existing async app (AsyncIOScheduler).</para>
/// <para>Every method is thread-safe. A job that throws is logged and keeps its schedule; a job whose trigger throws
/// is paused and reported; neither stops the scheduler or another job, and neither does a logger or listener that throws.</para>
/// <para>The parts, each in its own folder: the registry of jobs and their timer heap, the firing loop and its rules,
/// the executor, the observer that logs and raises events outside the lock, and this façade.</para>
/// </remarks>
public sealed class Scheduler : IAsyncDisposable
{
    private readonly SchedulerObserver _observer;
    private readonly IdleTracker _idle = new();
    private readonly FiringLoop _loop;
    private readonly RunExecutor _executor;
    private readonly SchedulerLifecycle _lifecycle;
    private readonly JobControl _control;
    private readonly JobChanges _changes;
    private readonly JobListing _listing;

    /// <summary>Creates a scheduler for a job table such as the generated <c>ScheduledJobs.All</c>.</summary>
    /// <param name="jobs">The jobs to run.</param>
    /// <param name="options">The clock, the logger, limits and shutdown; the system clock and warnings to standard error when omitted.</param>
    /// <exception cref="ConflictingJobIdException">Two jobs share an id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public Scheduler(IEnumerable<JobDefinition> jobs, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new SchedulerOptions();
        options.Validate();
        var gate = new Lock();
        var time = options.TimeProvider;
        var registry = new JobRegistry(jobs.TryGetNonEnumeratedCount(out int count) ? count : 16);
        _observer = new SchedulerObserver(options.Logger ?? StandardErrorLogger.Instance, time, this,
            new SchedulerTelemetry(options.MeterFactory, () => registry.Count));
        var executor = _executor = new RunExecutor(_observer, time, options.MaxConcurrency, options.DedicatedThreads, options.InlineRunLimit, _idle) { Services = options.Services };
        var planner = new RunPlanner(registry, executor, options.Random ?? Random.Shared, options.MaxCatchUpRuns);
        _loop = new FiringLoop(gate, registry, planner, executor, _idle);
        var store = options.Store is { } s ? new StoreLink(s, options, gate, registry, planner, executor) : null;
        if (store is not null)
        {
            _loop.Store = store;
            executor.Store = store;
            store.Loop = _loop;
        }

        _lifecycle = new SchedulerLifecycle(gate, registry, planner, _loop, executor, options, store);
        var parts = new ControlParts(gate, registry, planner, _loop, executor, _lifecycle, store);
        _control = new JobControl(parts);
        _changes = new JobChanges(parts);
        _listing = new JobListing(gate, registry, _observer);
        _control.AddTable(jobs);
    }

    /// <summary>
    /// Raised for everything that happens: start, shutdown, pause, jobs added, removed, submitted, executed, failed,
    /// missed. Handlers run on the scheduler's threads (the firing loop, a run's thread, the caller of a control
    /// method), never while it holds its lock; still keep them short, since the firing loop waits for them. A handler
    /// that throws is logged and does not disturb the scheduler. When nobody listens, no event object is made.
    /// </summary>
    public event EventHandler<SchedulerEventArgs>? EventRaised
    {
        add => _observer.AddHandler(value);
        remove => _observer.RemoveHandler(value);
    }

    /// <summary>Where the scheduler is in its life.</summary>
    public SchedulerState State => _lifecycle.State;

    /// <summary>
    /// Starts firing jobs and returns at once; jobs run on the thread pool (or their dedicated threads). Interval jobs
    /// first fire one interval from now; cron jobs at their next matching time (now included); jobs with
    /// <see cref="JobOptions.RunOnStart"/> also run now, once even when now is one of their fire times.
    /// </summary>
    /// <exception cref="SchedulerAlreadyRunningException">The scheduler is already running or paused.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down; a scheduler runs once.</exception>
    public void Start() => _lifecycle.Start();

    /// <summary>
    /// Starts the scheduler and blocks until it has stopped: when <paramref name="cancellationToken"/> is cancelled,
    /// on Ctrl+C or SIGTERM (unless <see cref="SchedulerOptions.HandleStopSignals"/> is off), or when
    /// <see cref="ShutdownAsync"/> is called. The first stop request waits for running jobs up to
    /// <see cref="SchedulerOptions.ShutdownTimeout"/>, then cancels them; a second one cancels them and returns at once.
    /// Returns normally on cancellation.
    /// </summary>
    /// <param name="cancellationToken">A stop request, as Ctrl+C is for APScheduler's BlockingScheduler.</param>
    /// <returns>A task that completes when the scheduler has stopped, or at a second stop request.</returns>
    /// <exception cref="SchedulerAlreadyRunningException">The scheduler is already running or paused.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public Task RunAsync(CancellationToken cancellationToken = default) => _lifecycle.RunAsync(cancellationToken);

    /// <summary>
    /// Stops firing jobs. With <paramref name="wait"/> the task completes when every running job has finished: it
    /// waits up to <see cref="SchedulerOptions.ShutdownTimeout"/>, then cancels the jobs'
    /// <see cref="JobContext.CancellationToken"/> and waits for them to end. Without it, running jobs are cancelled
    /// at once and the task completes at once; called during a waiting shutdown, it cancels them. Calling it on a
    /// scheduler never started stops it for good; calling it again after it stopped does nothing.
    /// </summary>
    /// <param name="wait">Whether to wait for running jobs to finish.</param>
    /// <returns>A task that completes when the scheduler has stopped (with <paramref name="wait"/>) or at once.</returns>
    public Task ShutdownAsync(bool wait = true) => _lifecycle.ShutdownAsync(wait);

    /// <summary>Shuts down, waiting for running jobs as <see cref="ShutdownAsync"/> does.</summary>
    /// <returns>A task that completes when the scheduler has stopped.</returns>
    public async ValueTask DisposeAsync() => await ShutdownAsync(wait: true).ConfigureAwait(false);

    /// <summary>
    /// Pauses the whole scheduler: nothing fires until <see cref="Resume"/>. Runs in progress finish. On resume, runs
    /// that came due meanwhile go through the misfire rules: coalesced, run if within grace, or reported missed.
    /// Pausing a paused scheduler does nothing.
    /// </summary>
    /// <exception cref="SchedulerNotRunningException">The scheduler has not been started.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void Pause() => _lifecycle.Pause();

    /// <summary>Resumes a paused scheduler; what fell due meanwhile is judged by the misfire rules at once. Resuming a running scheduler does nothing.</summary>
    /// <exception cref="SchedulerNotRunningException">The scheduler has not been started.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void Resume() => _lifecycle.Resume();

    /// <summary>
    /// Lists the jobs as APScheduler's <c>get_jobs()</c> does: by next run time, soonest first; then the jobs without
    /// one (paused, done, or every job before the scheduler starts), by id.
    /// </summary>
    /// <returns>A snapshot of every job.</returns>
    public IReadOnlyList<JobInfo> GetJobs() => _listing.GetJobs();

    /// <summary>Finds one job by id.</summary>
    /// <param name="id">The job's id.</param>
    /// <returns>A snapshot of the job.</returns>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    public JobInfo GetJob(string id) => _listing.GetJob(id);

    /// <summary>Finds one job by id, if there is one.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="job">A snapshot of the job, or <see langword="null"/>.</param>
    /// <returns>Whether a job has that id.</returns>
    public bool TryGetJob(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JobInfo? job) => _listing.TryGetJob(id, out job);

    /// <summary>
    /// Every job as APScheduler's <c>print_jobs()</c> prints it, one per line under <c>Jobstore default:</c>, in the
    /// order of <see cref="GetJobs"/>: <c>Jobs.Tick (trigger: interval[0:00:03], next run at: 2026-11-27 14:06:39 UTC)</c>.
    /// </summary>
    /// <returns>The listing.</returns>
    public string Describe() => _listing.Describe();

    /// <summary>
    /// When the earliest job is due (UTC, jitter included), or <see langword="null"/> when nothing is scheduled: read from
    /// the top of the timer heap, so it costs the same with a million jobs. A running scheduler whose next due time is
    /// well in the past is not keeping up (or its firing loop is stuck): what a health check looks at.
    /// </summary>
    public DateTimeOffset? NextDueTime => _listing.NextDueTime();

    /// <summary>Writes <see cref="Describe()"/> to <paramref name="writer"/>, or to the console.</summary>
    /// <param name="writer">Where to write; <see cref="Console.Out"/> when omitted.</param>
    public void PrintJobs(TextWriter? writer = null) => _listing.Print(writer);

    /// <summary>
    /// Adds a job. Before <see cref="Start"/> it waits for the start like the table's jobs; on a running scheduler it is
    /// scheduled from now at once, and fires on time even if it is due before anything else. Nothing is added when it
    /// throws.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="ArgumentException">The job's trigger has no fire time from now on, or throws when asked for one.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void AddJob(JobDefinition job) => _control.Add(job);

    /// <summary>
    /// Adds a job as <paramref name="options"/> says: paused in the same step (<see cref="AddJobOptions.Paused"/>), or
    /// replacing a job with the same id (<see cref="AddJobOptions.ReplaceExisting"/>) instead of throwing.
    /// </summary>
    /// <param name="job">The job to add.</param>
    /// <param name="options">Whether it is added paused, and whether it replaces a job with its id.</param>
    /// <exception cref="ConflictingJobIdException">Another job has the same id, and <see cref="AddJobOptions.ReplaceExisting"/> is not set.</exception>
    /// <exception cref="ArgumentException">The trigger has no fire time from now on; nothing is added or replaced.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void AddJob(JobDefinition job, AddJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _control.Add(job, options);
    }

    /// <summary>
    /// Adds many jobs as one change, as <see cref="AddJob(JobDefinition)"/> adds one: each structure grows once and the
    /// lock is taken once, so a million jobs go in far faster than one call each. All are added, or, when one is
    /// refused, none.
    /// </summary>
    /// <param name="jobs">The jobs.</param>
    /// <exception cref="ConflictingJobIdException">A job's id is taken, by a job already added or by another in the batch.</exception>
    /// <exception cref="ArgumentException">A job's trigger has no fire time from now on, or throws when asked for one; or a job is a [Job] target without a schedule.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void AddJobs(IEnumerable<JobDefinition> jobs) => _control.AddRange(jobs);

    /// <summary>
    /// Adds a synchronous job that calls <paramref name="action"/>. An <see langword="async"/> lambda binds to the
    /// <see cref="Func{Task}"/> overload instead, so its exceptions are awaited and logged.
    /// </summary>
    /// <param name="id">A unique job id.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="action">What a run does.</param>
    /// <param name="options">Misfire, coalescing and concurrency options.</param>
    /// <returns>The job's definition.</returns>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="ArgumentException">The trigger has no fire time from now on.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ in the delegate, which is what C# chooses by: an async lambda binds to Func<Task>; options stays last and optional in each.")]
    public JobDefinition AddJob(string id, JobTrigger trigger, Action action, JobOptions? options = null) =>
        _control.Add(id, trigger, DelegateInvokers.Of(action), options);

    /// <summary>Adds an async job: what an <see langword="async"/> lambda binds to. Its task is awaited; what it throws is logged and it keeps its schedule.</summary>
    /// <param name="id">A unique job id.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="action">What a run does.</param>
    /// <param name="options">Misfire, coalescing and concurrency options.</param>
    /// <returns>The job's definition.</returns>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="ArgumentException">The trigger has no fire time from now on.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ in the delegate, which is what C# chooses by: an async lambda binds to Func<Task>; options stays last and optional in each.")]
    public JobDefinition AddJob(string id, JobTrigger trigger, Func<Task> action, JobOptions? options = null) =>
        _control.Add(id, trigger, DelegateInvokers.Of(action), options);

    /// <summary>Adds an async job that calls <paramref name="action"/> with the run's cancellation token.</summary>
    /// <param name="id">A unique job id.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="action">What a run does.</param>
    /// <param name="options">Misfire, coalescing and concurrency options.</param>
    /// <returns>The job's definition.</returns>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="ArgumentException">The trigger has no fire time from now on.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ in the delegate, which is what C# chooses by: an async lambda binds to Func<Task>; options stays last and optional in each.")]
    public JobDefinition AddJob(string id, JobTrigger trigger, Func<CancellationToken, Task> action, JobOptions? options = null) =>
        _control.Add(id, trigger, DelegateInvokers.Of(action), options);

    /// <summary>
    /// Adds a job that runs a target of the table: a method marked <see cref="JobAttribute"/>, named by its id. Unlike a
    /// delegate, such a job can be kept by a persistent job store, which stores the target's id (never code) and finds
    /// it again in the table after a restart.
    /// </summary>
    /// <param name="id">A unique job id, such as <c>"report-eu"</c>; one target can back many jobs.</param>
    /// <param name="target">The target's id, <c>Namespace.Type.Method</c> unless its attribute sets <c>Name</c>.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="options">The job's options; the target's (from its attribute) when omitted.</param>
    /// <returns>The job's definition.</returns>
    /// <exception cref="ArgumentException">No target has that id, or the trigger has no fire time from now on.</exception>
    /// <exception cref="ConflictingJobIdException">Another job has the same id.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "A target's id (string) in second place cannot be confused with a trigger; options stays last and optional in each.")]
    public JobDefinition AddJob(string id, string target, JobTrigger trigger, JobOptions? options = null) =>
        _control.AddTarget(id, target, trigger, options);

    /// <summary>
    /// Adds a job that runs a target of the table, as <see cref="AddJob(string, string, JobTrigger, JobOptions?)"/>, paused
    /// in the same step or replacing a job with the same id as <paramref name="addOptions"/> says: how a job that a store
    /// keeps is replaced, since only a target's job can be stored.
    /// </summary>
    /// <param name="id">A unique job id, such as <c>"report-eu"</c>.</param>
    /// <param name="target">The target's id, <c>Namespace.Type.Method</c> unless its attribute sets <c>Name</c>.</param>
    /// <param name="trigger">When it fires.</param>
    /// <param name="options">The job's options; the target's (from its attribute) when <see langword="null"/>.</param>
    /// <param name="addOptions">Whether it is added paused, and whether it replaces a job with its id.</param>
    /// <returns>The job's definition.</returns>
    /// <exception cref="ArgumentException">No target has that id, or the trigger has no fire time from now on; nothing is added or replaced.</exception>
    /// <exception cref="ConflictingJobIdException">Another job has the same id, and <see cref="AddJobOptions.ReplaceExisting"/> is not set.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public JobDefinition AddJob(string id, string target, JobTrigger trigger, JobOptions? options, AddJobOptions addOptions)
    {
        ArgumentNullException.ThrowIfNull(addOptions);
        return _control.AddTarget(id, target, trigger, options, addOptions);
    }

    /// <summary>Removes a job. A run in progress finishes; no new run starts.</summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    public void RemoveJob(string id) => _control.Remove(id);

    /// <summary>Pauses a job: it does not fire until <see cref="ResumeJob"/>. A run in progress finishes.</summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void PauseJob(string id) => _control.Pause(id);

    /// <summary>
    /// Resumes a paused job. It picks up its schedule from now: runs that fell due while it was paused are not run.
    /// An interval job stays on its original grid.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void ResumeJob(string id) => _control.Resume(id);

    /// <summary>
    /// Runs a job now, outside its schedule, which goes on unchanged. The run counts towards
    /// <see cref="JobOptions.MaxInstances"/>: when that many are running, it is skipped and reported.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has not been started.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void RunNow(string id) => _changes.RunNow(id);

    /// <summary>Gives a job a new trigger. Its schedule starts afresh from now, as if it had just been added.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="trigger">The new trigger.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="ArgumentException">The trigger has no fire time from now on; the job keeps its old one.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void RescheduleJob(string id, JobTrigger trigger) => _changes.Reschedule(id, trigger);

    /// <summary>
    /// Replaces <b>every</b> option of a job (grace time, coalescing, max instances, jitter, timeout, executor) with
    /// <paramref name="options"/>: an option it leaves at its default goes back to the default. To change one option
    /// and keep the others, use <see cref="ModifyJob(string, Func{JobOptions, JobOptions})"/>. They apply from the next run.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <param name="options">The new options.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the job keeps its options.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void ModifyJob(string id, JobOptions options) => _changes.Modify(id, options);

    /// <summary>
    /// Changes only what <paramref name="change"/> changes of a job's current options, such as
    /// <c>ModifyJob("Jobs.Report", o =&gt; o with { MaxInstances = 2 })</c>: APScheduler's <c>modify_job(id, max_instances=2)</c>.
    /// The delegate runs outside the scheduler's lock and may run again if another change of the job came in between.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <param name="change">Takes the job's current options and returns the new ones.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="ArgumentException"><paramref name="change"/> returned <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the job keeps its options.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void ModifyJob(string id, Func<JobOptions, JobOptions> change) => _changes.Modify(id, change);

    /// <summary>
    /// Moves a job's pending run to <paramref name="nextRunTime"/> (APScheduler's <c>modify_job(id, next_run_time=…)</c>);
    /// the runs after it follow the trigger from there, so an interval job's grid moves with it. A paused job is resumed.
    /// A time already past is due at once and goes through the misfire rules like any late run. Unlike
    /// <see cref="RunNow"/>, which adds a run, this moves the schedule.
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <param name="nextRunTime">When the job runs next.</param>
    /// <exception cref="JobNotFoundException">No job has that id.</exception>
    /// <exception cref="SchedulerNotRunningException">The scheduler has not been started.</exception>
    /// <exception cref="SchedulerShutDownException">The scheduler has been shut down.</exception>
    public void SetNextRunTime(string id, DateTimeOffset nextRunTime) => _changes.SetNextRunTime(id, nextRunTime);

    /// <summary>
    /// Completes when the scheduler has nothing in progress: no run in flight (backlogs included), no firing cycle
    /// running, no wake-up unhandled. On a fake clock this is how a test knows that what a clock advance started has
    /// ended: <c>time.Advance(TimeSpan.FromMinutes(1)); await scheduler.WhenIdleAsync();</c>. It cannot miss a run the
    /// advance started, since the clock's timers fire inside <c>Advance</c> and a wake-up is counted before it returns;
    /// and a run's events and counters (<see cref="JobInfo.RunningInstances"/>) are up to date before its run counts as ended.
    /// A run that itself waits on the fake clock never ends until the clock moves on, so do not await this for it.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the task is cancelled); the scheduler is not affected.</param>
    /// <returns>A task that completes when the scheduler is idle.</returns>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => _idle.WhenIdle().WaitAsync(cancellationToken);

    /// <summary>Fires what is due on the calling thread; for benchmarks that play the firing loop (see <see cref="FiringLoop.FireDueOnCallerThread"/>).</summary>
    internal void FireDueNow() => _loop.FireDueOnCallerThread();

    /// <summary>Runs submitted and not yet finished: what a benchmark spins on, since waiting on a task would allocate.</summary>
    internal int RunsInFlight => _executor.InFlight;

    /// <summary>Completes when the firing loop has handled every wake-up (runs may still be going). For tests on a fake clock.</summary>
    internal Task WhenFiringLoopIdleAsync() => _loop.WhenIdle();
}
