// Test double of the Twilio Voice JS SDK 2.x, served in place of /lib/twilio.min.js. It has the surface the console
// uses (Device, Call, their events) and reports every action to the test through functions the test exposes
// (window.fakeVoice*), which drive the Twilio emulator. The test rings and ends calls through window.fakeVoice.
(() => {
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

  class Call extends Emitter {
    #status = 'pending';
    #muted = false;
    constructor(parameters) {
      super();
      this.parameters = parameters;
    }
    status() { return this.#status; }
    isMuted() { return this.#muted; }
    mute(muted = true) {
      this.#muted = muted;
      this.emit('mute', muted, this);
    }
    accept() {
      if (this.#status !== 'pending') return;
      this.#status = 'open';
      window.fakeVoiceAnswer(this.parameters.CallSid);
      this.emit('accept', this);
    }
    reject() {
      if (this.#status !== 'pending') return;
      this.#status = 'closed';
      window.fakeVoiceReject(this.parameters.CallSid);
      this.emit('reject');
    }
    disconnect() {
      if (this.#status === 'closed') return;
      this.#status = 'closed';
      window.fakeVoiceHangUp(this.parameters.CallSid);
      this.emit('disconnect', this);
    }
    ended() {
      if (this.#status === 'closed') return;
      const wasPending = this.#status === 'pending';
      this.#status = 'closed';
      wasPending ? this.emit('cancel') : this.emit('disconnect', this);
    }
  }

  class Device extends Emitter {
    static isSupported = true;
    state = 'unregistered';
    constructor(token, options) {
      super();
      this.token = token;
      this.options = options;
      fake.device = this;
    }
    async register() {
      await window.fakeVoiceRegister(this.token);
      this.state = 'registered';
      this.emit('registered');
    }
    async unregister() {
      this.state = 'unregistered';
      await window.fakeVoiceRegister('');
      this.emit('unregistered');
    }
    updateToken(token) {
      this.token = token;
      window.fakeVoiceRegister(token);
    }
    destroy() {
      this.state = 'destroyed';
      window.fakeVoiceRegister('');
      for (const call of fake.calls.values()) call.ended();
      this.emit('destroyed');
    }
  }

  const fake = {
    device: null,
    calls: new Map(),
    ring(callSid, from, to) {
      const call = new Call({ CallSid: callSid, From: from, To: to });
      fake.calls.set(callSid, call);
      fake.device.emit('incoming', call);
    },
    end(callSid) {
      fake.calls.get(callSid)?.ended();
    },
    tokenWillExpire() {
      fake.device.emit('tokenWillExpire', fake.device);
    },
  };

  window.fakeVoice = fake;
  window.Twilio = { Device, Call };
})();
