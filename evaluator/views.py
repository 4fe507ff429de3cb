from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import HttpResponseStopPolling

from .pages import run_page, run_status


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "evaluator/run.html", {"page": run_page(pk=pk)})


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
