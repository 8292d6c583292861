// Sandbox mode's stand-in for the Twilio Voice JS SDK 2.x, served at /lib/twilio.min.js instead of Twilio's bundle:
// the Device/Call surface the console uses (phone.js), wired to the Twilio emulator the server runs. The Device registers
// its access token at /sandbox/phone, hears of calls ringing it through Server-Sent Events, and accepts, rejects,
// mutes and hangs up over HTTP. It also shows a banner saying calls are simulated. The console's browser tests load it too.
// The surface follows Twilio, "Voice JavaScript SDK: Twilio.Call" (https://www.twilio.com/docs/voice/sdks/javascript/twiliocall:
// accept(), reject(), disconnect(), mute(), isMuted(), status(), parameters.CallSid/From/To; events accept, cancel,
// reject, disconnect, mute, error) and "Twilio.Device" (https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice: register(),
// updateToken(), destroy(); events registered, unregistered, incoming, error, tokenWillExpire).
// Assumption (simplified): accept/reject/disconnect emit their event at once (the SDK emits 'accept' once media connects);
// the emulator's answer follows over HTTP.
// tokenWillExpire is emitted options.tokenRefreshMs before the token's exp ("Default is 10000 (10 seconds) prior to the token
// expiring", https://twilio.github.io/twilio-voice.js/functions/Device.tokenWillExpireEvent.html).
// Not modelled: audio (a muted microphone only silences the leg in the emulator's mix), outgoing calls.
(() => {
  const PHONE = '/sandbox/phone/registrations';

  class Emitter {
    #handlers = new Map();
    on(name, handler) {
      this.#handlers.set(name, [...(this.#handlers.get(name) ?? []), handler]);
      return this;
    }
    off(name, handler) {
      this.#handlers.set(name, (this.#handlers.get(name) ?? []).filter(h => h !== handler));
      return this;
    }
    emit(name, ...args) {
      for (const handler of this.#handlers.get(name) ?? []) {
        handler(...args);
      }
    }
  }

  async function send(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail ?? `${method} ${path}: ${response.status}`);
    }
    return response.status === 204 ? null : response.json();
  }

  class Call extends Emitter {
    #status = 'pending';
    #muted = false;
    #device;
    constructor(device, parameters) {
      super();
      this.#device = device;
      this.parameters = parameters;
    }
    status() { return this.#status; }
    isMuted() { return this.#muted; }
    /** Mutes the agent's microphone: the emulator stops mixing this leg's voice into what the others hear. */
    mute(muted = true) {
      if (this.#muted === muted) return;
      this.#muted = muted;
      this.emit('mute', muted, this);
      if (this.#status === 'open') {
        this.#device.act(this.parameters.CallSid, muted ? 'mute' : 'unmute').catch(error => this.emit('error', error));
      }
    }
    accept() { this.#act('accept', 'pending', 'open', 'accept'); }
    reject() { this.#act('reject', 'pending', 'closed', 'reject'); }
    disconnect() {
      if (this.#status !== 'closed') this.#act('hangup', this.#status, 'closed', 'disconnect');
    }
    /** The emulator says the call is over: a ring called off is 'cancel', a call in progress 'disconnect'. */
    ended() {
      if (this.#status === 'closed') return;
      const wasPending = this.#status === 'pending';
      this.#status = 'closed';
      wasPending ? this.emit('cancel') : this.emit('disconnect', this);
    }
    #act(action, from, to, event) {
      if (this.#status !== from) return;
      this.#status = to;
      this.emit(event, this);
      this.#device.act(this.parameters.CallSid, action).catch(error => this.emit('error', error));
    }
  }

  class Device extends Emitter {
    static isSupported = true;
    state = 'unregistered';
    #token;
    #registration = null;
    #events = null;
    #calls = new Map();
    #expiry = null;
    constructor(token, options = {}) {
      super();
      this.#token = token;
      this.options = options;
    }
    async register() {
      try {
        this.#registration = await send('POST', PHONE, { token: this.#token });
      } catch (error) {
        this.emit('error', error);
        throw error;
      }
      this.#follow();
      this.#warnBeforeExpiry();
      this.state = 'registered';
      this.emit('registered');
    }
    async unregister() {
      this.#close();
      this.state = 'unregistered';
      this.emit('unregistered');
    }
    updateToken(token) {
      this.#token = token;
      this.#warnBeforeExpiry();
      if (this.#registration) {
        send('PUT', `${PHONE}/${this.#registration.registrationId}`, { token }).catch(error => this.emit('error', error));
      }
    }
    destroy() {
      this.#close();
      for (const call of this.#calls.values()) call.ended();
      this.state = 'destroyed';
      this.emit('destroyed');
    }
    act(callSid, action) {
      return send('POST', `${PHONE}/${this.#registration.registrationId}/calls/${callSid}/${action}`);
    }
    #follow() {
      this.#events = new EventSource(`${PHONE}/${this.#registration.registrationId}/events`);
      this.#events.addEventListener('incoming', message => {
        const { callSid, from, to } = JSON.parse(message.data);
        if (this.#calls.has(callSid)) return;
        const call = new Call(this, { CallSid: callSid, From: from, To: to });
        this.#calls.set(callSid, call);
        this.emit('incoming', call);
      });
      this.#events.addEventListener('ended', message => {
        const { callSid } = JSON.parse(message.data);
        this.#calls.get(callSid)?.ended();
      });
      // EventSource retries by itself after a blip; it gives up when the server no longer knows the registration.
      this.#events.addEventListener('error', () => {
        if (this.#events?.readyState === EventSource.CLOSED) {
          this.#events = null;
          this.#registration = null;
          this.state = 'unregistered';
          this.emit('unregistered');
          this.emit('error', new Error('The sandbox phone lost its registration; sign out and in again.'));
        }
      });
    }
    #warnBeforeExpiry() {
      clearTimeout(this.#expiry);
      const { exp } = JSON.parse(atob(this.#token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      const due = exp * 1000 - (this.options.tokenRefreshMs ?? 10000) - Date.now();
      this.#expiry = setTimeout(() => this.emit('tokenWillExpire', this), Math.max(due, 0));
    }
    #close() {
      clearTimeout(this.#expiry);
      this.#events?.close();
      this.#events = null;
      const registration = this.#registration;
      this.#registration = null;
      if (registration) {
        send('DELETE', `${PHONE}/${registration.registrationId}`).catch(() => {});
      }
    }
  }

  function showBanner() {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/sandbox/sandbox.css';
    document.head.append(style);
    const banner = document.createElement('p');
    banner.className = 'sandbox-banner';
    banner.setAttribute('role', 'note');
    banner.append('Sandbox: calls are simulated by the built-in Twilio emulator. Call in from the ');
    const link = document.createElement('a');
    link.href = '/sandbox';
    link.target = '_blank';
    link.textContent = "caller's page";
    banner.append(link, '.');
    document.body.prepend(banner);
  }

  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', showBanner) : showBanner();
  window.Twilio = { Device, Call };
})();
