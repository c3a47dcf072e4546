// GOV.UK Frontend's components style themselves only once the page says scripts run.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
