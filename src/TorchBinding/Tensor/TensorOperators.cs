namespace TorchSharp;

public static partial class torch
{
    public partial class Tensor
    {
        public static Tensor operator +(Tensor left, Tensor right) => left.add(right);
        public static Tensor operator +(Tensor left, Scalar right) => left.add(right);
        public static Tensor operator +(Scalar left, Tensor right) => right.add(left);
        public static Tensor operator +(Tensor left, int right) => left.add(right);
        public static Tensor operator +(Tensor left, long right) => left.add(right);
        public static Tensor operator +(Tensor left, float right) => left.add(right);
        public static Tensor operator +(Tensor left, double right) => left.add(right);
        public static Tensor operator +(int left, Tensor right) => right.add(left);
        public static Tensor operator +(long left, Tensor right) => right.add(left);
        public static Tensor operator +(float left, Tensor right) => right.add(left);
        public static Tensor operator +(double left, Tensor right) => right.add(left);

        public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);
        public static Tensor operator -(Tensor left, Scalar right) => left.sub(right);
        public static Tensor operator -(Scalar left, Tensor right) => RSub(right, left);
        public static Tensor operator -(Tensor left, int right) => left.sub(right);
        public static Tensor operator -(Tensor left, long right) => left.sub(right);
        public static Tensor operator -(Tensor left, float right) => left.sub(right);
        public static Tensor operator -(Tensor left, double right) => left.sub(right);
        public static Tensor operator -(int left, Tensor right) => RSub(right, left);
        public static Tensor operator -(long left, Tensor right) => RSub(right, left);
        public static Tensor operator -(float left, Tensor right) => RSub(right, left);
        public static Tensor operator -(double left, Tensor right) => RSub(right, left);

        public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);
        public static Tensor operator *(Tensor left, Scalar right) => left.mul(right);
        public static Tensor operator *(Scalar left, Tensor right) => right.mul(left);
        public static Tensor operator *(Tensor left, int right) => left.mul(right);
        public static Tensor operator *(Tensor left, long right) => left.mul(right);
        public static Tensor operator *(Tensor left, float right) => left.mul(right);
        public static Tensor operator *(Tensor left, double right) => left.mul(right);
        public static Tensor operator *(int left, Tensor right) => right.mul(left);
        public static Tensor operator *(long left, Tensor right) => right.mul(left);
        public static Tensor operator *(float left, Tensor right) => right.mul(left);
        public static Tensor operator *(double left, Tensor right) => right.mul(left);

        public static Tensor operator /(Tensor left, Tensor right) => left.div(right);
        public static Tensor operator /(Tensor left, Scalar right) => left.div(right);
        public static Tensor operator /(Scalar left, Tensor right) => RDiv(right, left);
        public static Tensor operator /(Tensor left, int right) => left.div(right);
        public static Tensor operator /(Tensor left, long right) => left.div(right);
        public static Tensor operator /(Tensor left, float right) => left.div(right);
        public static Tensor operator /(Tensor left, double right) => left.div(right);
        public static Tensor operator /(int left, Tensor right) => RDiv(right, left);
        public static Tensor operator /(long left, Tensor right) => RDiv(right, left);
        public static Tensor operator /(float left, Tensor right) => RDiv(right, left);
        public static Tensor operator /(double left, Tensor right) => RDiv(right, left);

        public static Tensor operator %(Tensor left, Tensor right) => left.remainder(right);
        public static Tensor operator %(Tensor left, Scalar right) => left.remainder(right);
        public static Tensor operator %(Tensor left, int right) => left.remainder(right);
        public static Tensor operator %(Tensor left, long right) => left.remainder(right);
        public static Tensor operator %(Tensor left, float right) => left.remainder(right);
        public static Tensor operator %(Tensor left, double right) => left.remainder(right);

        public static Tensor operator -(Tensor tensor) => tensor.neg();

        public static Tensor operator &(Tensor left, Tensor right) => new(TorchBinding.Interop.Native.tensor_bitwise_and(left.Handle, right.Handle));
        public static Tensor operator |(Tensor left, Tensor right) => new(TorchBinding.Interop.Native.tensor_bitwise_or(left.Handle, right.Handle));
        public static Tensor operator ^(Tensor left, Tensor right) => new(TorchBinding.Interop.Native.tensor_bitwise_xor(left.Handle, right.Handle));
        public static Tensor operator ~(Tensor tensor) => new(TorchBinding.Interop.Native.tensor_bitwise_not(tensor.Handle));

        public static Tensor operator ==(Tensor left, Tensor right) => left.eq(right);
        public static Tensor operator ==(Tensor left, Scalar right) => left.eq(right);
        public static Tensor operator ==(Scalar left, Tensor right) => right.eq(left);
        public static Tensor operator !=(Tensor left, Tensor right) => left.ne(right);
        public static Tensor operator !=(Tensor left, Scalar right) => left.ne(right);
        public static Tensor operator !=(Scalar left, Tensor right) => right.ne(left);
        public static Tensor operator <(Tensor left, Tensor right) => left.lt(right);
        public static Tensor operator <(Tensor left, Scalar right) => left.lt(right);
        public static Tensor operator <(Scalar left, Tensor right) => right.gt(left);
        public static Tensor operator <=(Tensor left, Tensor right) => left.le(right);
        public static Tensor operator <=(Tensor left, Scalar right) => left.le(right);
        public static Tensor operator <=(Scalar left, Tensor right) => right.ge(left);
        public static Tensor operator >(Tensor left, Tensor right) => left.gt(right);
        public static Tensor operator >(Tensor left, Scalar right) => left.gt(right);
        public static Tensor operator >(Scalar left, Tensor right) => right.lt(left);
        public static Tensor operator >=(Tensor left, Tensor right) => left.ge(right);
        public static Tensor operator >=(Tensor left, Scalar right) => left.ge(right);
        public static Tensor operator >=(Scalar left, Tensor right) => right.le(left);

        public static implicit operator Tensor(byte value) => tensor(value);
        public static implicit operator Tensor(sbyte value) => tensor(value);
        public static implicit operator Tensor(short value) => tensor(value);
        public static implicit operator Tensor(int value) => tensor(value);
        public static implicit operator Tensor(long value) => tensor(value);
        public static implicit operator Tensor(float value) => tensor(value);
        public static implicit operator Tensor(double value) => tensor(value);
        public static implicit operator Tensor(bool value) => tensor(value);
        public static implicit operator Tensor(Scalar scalar) => full(Array.Empty<long>(), scalar,
            scalar.Kind == Scalar.FloatKind ? get_default_dtype() : scalar.Kind == Scalar.BoolKind ? ScalarType.Bool : ScalarType.Int64);
        public static implicit operator Tensor(byte[] value) => tensor(value);
        public static implicit operator Tensor(sbyte[] value) => tensor(value);
        public static implicit operator Tensor(short[] value) => tensor(value);
        public static implicit operator Tensor(int[] value) => tensor(value);
        public static implicit operator Tensor(long[] value) => tensor(value);
        public static implicit operator Tensor(float[] value) => tensor(value);
        public static implicit operator Tensor(double[] value) => tensor(value);
        public static implicit operator Tensor(bool[] value) => tensor(value);

        private static Tensor RSub(Tensor right, Scalar left) => new(TorchBinding.Interop.Native.tensor_rsub_scalar(right.Handle, left.Bits, left.Kind));

        private static Tensor RDiv(Tensor right, Scalar left) => new(TorchBinding.Interop.Native.tensor_rdiv_scalar(right.Handle, left.Bits, left.Kind));
    }
}
