from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_htmx.http import HttpResponseStopPolling

from evaluator.models import EvaluationRun

from .run_pages import run_page, run_status


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "evaluator/run.html", {"page": run_page(pk=pk)})


def run_samples(request: HttpRequest, pk: int) -> FileResponse:
    """The run's per-sample logs, streamed from the default storage (wherever that is: the
    media folder is not served by the site, and a bucket may be private)."""
    run = get_object_or_404(EvaluationRun.objects.only("pk", "samples_file"), pk=pk)
    if not run.samples_file:
        raise Http404("This run kept no per-sample logs.")
    try:
        handle = run.samples_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The per-sample logs of this run are missing from storage.") from error
    return FileResponse(
        handle, as_attachment=True, filename=PurePosixPath(run.samples_file.name or "").name
    )


def run_status_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the run page while the run is queued or running. Once it is final the
    answer is HTTP 286, which tells htmx to stop polling, and the page reloads once to show
    the results."""
    run = run_status(pk=pk)
    response = render(request, "evaluator/run.html#run-status", {"run": run, "polling": True})
    if run.is_final:
        stopped = HttpResponseStopPolling(response.content)
        stopped["HX-Refresh"] = "true"
        return stopped
    return response
