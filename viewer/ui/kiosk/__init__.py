"""The kiosk shell: the reading window full screen, nothing to escape to, back to the start alone.

`shell.KioskShell` wraps the ordinary `MainWindow` (menus, status bar and dock buttons hidden)
under a visitor bar (larger text, high contrast, print, start over) and installs one
application-wide event filter that swallows every way out (`lockdown`: window keys, context menus,
drag and drop, close events, new windows and dialogs, links handed to the desktop). The layers it
shows over the window (countdown, attract screen, PIN pad) are in `overlays`, its looks in
`style`, printing in `printing`. Idle time is read from an injected clock; a Qt timer only ticks
the check. Staff leave with five taps in the top-left corner (or Ctrl+Alt+Shift+A) and the admin
PIN.
"""
